/**
 * Source of the inline, dependency-free 3-D viewer used by {@link report} for a section's surface. It reads the mesh from
 * `<script type="application/json" id="ID-data">` ({ vertices, nu, nv, lut, zDomain }), draws it on
 * `<canvas id="ID">` with the same orthographic projection and painter's algorithm as `surface3d`, rotates
 * on pointer drag (azimuth/elevation, ½° per px), zooms on the wheel, and resets on double click.
 */
export const SURFACE_VIEWER_JS = `
(function () {
  function initViewer(canvas) {
    var data = JSON.parse(document.getElementById(canvas.id + '-data').textContent);
    var V = data.vertices, nu = data.nu, nv = data.nv, lut = data.lut;
    var m = nu * nv, c = [0, 0, 0], r = 1e-12, k, i, j;
    for (i = 0; i < m; i++) for (k = 0; k < 3; k++) c[k] += V[3 * i + k] / m;
    for (i = 0; i < m; i++) r = Math.max(r, Math.hypot(V[3 * i] - c[0], V[3 * i + 1] - c[1], V[3 * i + 2] - c[2]));
    var tris = [];
    for (i = 0; i + 1 < nu; i++) for (j = 0; j + 1 < nv; j++) {
      var a = i * nv + j, b = (i + 1) * nv + j, cc = (i + 1) * nv + j + 1, d = i * nv + j + 1;
      tris.push([a, b, cc], [a, cc, d]);
    }
    var z0 = data.zDomain[0], z1 = data.zDomain[1];
    var state = { azimuth: 30, elevation: 25, zoom: 1 };
    canvas.curvState = state;
    function project(x, y, z) {
      var A = state.azimuth * Math.PI / 180, E = state.elevation * Math.PI / 180;
      var x1 = x * Math.cos(A) + y * Math.sin(A), y1 = -x * Math.sin(A) + y * Math.cos(A);
      return [x1, y1 * Math.sin(E) + z * Math.cos(E), y1 * Math.cos(E) - z * Math.sin(E)];
    }
    function draw() {
      var dpr = window.devicePixelRatio || 1;
      var w = canvas.clientWidth, h = canvas.clientHeight;
      if (canvas.width !== Math.round(w * dpr)) { canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr); }
      var ctx = canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      var s = Math.min(w, h) / (2.2 * r) * state.zoom;
      var P = [];
      for (var q = 0; q < m; q++) P.push(project(V[3 * q] - c[0], V[3 * q + 1] - c[1], V[3 * q + 2] - c[2]));
      var order = tris.map(function (t, idx) { return [idx, (P[t[0]][2] + P[t[1]][2] + P[t[2]][2]) / 3]; });
      order.sort(function (p, q2) { return q2[1] - p[1]; });
      ctx.lineWidth = 0.5;
      ctx.strokeStyle = 'rgba(40,40,40,0.5)';
      order.forEach(function (o) {
        var t = tris[o[0]];
        var zm = (V[3 * t[0] + 2] + V[3 * t[1] + 2] + V[3 * t[2] + 2]) / 3;
        var u = z1 > z0 ? Math.max(0, Math.min(1, (zm - z0) / (z1 - z0))) : 0.5;
        ctx.fillStyle = lut[Math.round(u * (lut.length - 1))];
        ctx.beginPath();
        for (var e = 0; e < 3; e++) {
          var p = P[t[e]], X = w / 2 + p[0] * s, Y = h / 2 - p[1] * s;
          if (e === 0) ctx.moveTo(X, Y); else ctx.lineTo(X, Y);
        }
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      });
      ctx.fillStyle = '#333';
      ctx.font = '12px sans-serif';
      ctx.fillText('azimuth ' + state.azimuth.toFixed(0) + '°, elevation ' + state.elevation.toFixed(0) + '°, zoom ' + state.zoom.toFixed(2), 8, h - 8);
    }
    var drag = null;
    canvas.addEventListener('pointerdown', function (ev) { drag = [ev.clientX, ev.clientY]; canvas.setPointerCapture && canvas.setPointerCapture(ev.pointerId); });
    canvas.addEventListener('pointermove', function (ev) {
      if (!drag) return;
      state.azimuth = (state.azimuth + (ev.clientX - drag[0]) * 0.5) % 360;
      state.elevation = Math.max(-90, Math.min(90, state.elevation + (ev.clientY - drag[1]) * 0.5));
      drag = [ev.clientX, ev.clientY];
      draw();
    });
    window.addEventListener('pointerup', function () { drag = null; });
    canvas.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      state.zoom = Math.max(0.2, Math.min(10, state.zoom * Math.exp(-ev.deltaY * 0.001)));
      draw();
    }, { passive: false });
    canvas.addEventListener('dblclick', function () { state.azimuth = 30; state.elevation = 25; state.zoom = 1; draw(); });
    window.addEventListener('resize', draw);
    draw();
  }
  Array.prototype.forEach.call(document.querySelectorAll('canvas.surface-viewer'), initViewer);
})();
`;
