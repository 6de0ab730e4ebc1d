#!/usr/bin/env bash
# Build @tensorflow/tfjs-node's native binding on a machine that cannot reach Google's download host,
# against the libtensorflow shipped inside the pip `tensorflow-cpu` wheel (libtensorflow_cc.so.2 and
# libtensorflow_framework.so.2 export the TF_/TFE_ C API the binding uses).
#
#   scripts/build-tfjs-node-offline.sh [path/to/tensorflow_cpu-*.whl]
#
# Without a wheel argument it runs `python3 -m pip download --no-deps tensorflow-cpu==$TF_VERSION`.
# Steps: unpack the wheel's libraries and C headers into $LIBTF_DIR (default ~/.cache/curv/libtensorflow),
# add @tensorflow/tfjs-node@4.22.0 to @curv/core without running its (downloading) install script,
# then compile the binding from the C++ sources the package ships with node-gyp and the local Node headers.
# Needs: python3 (pip, or a wheel), unzip, a C++ compiler, make. Users with network access do not need
# this: `pnpm add @tensorflow/tfjs-node@4.22.0` downloads a prebuilt binding.
set -euo pipefail
cd "$(dirname "$0")/.."
TF_VERSION="${TF_VERSION:-2.21.0}"
TFJS_NODE_VERSION=4.22.0
LIBTF_DIR="${LIBTF_DIR:-$HOME/.cache/curv/libtensorflow-$TF_VERSION}"
wheel="${1:-}"

log() { echo "[tfjs-node-offline] $*" >&2; }

if [ ! -e "$LIBTF_DIR/lib/libtensorflow_cc.so.2" ]; then
  if [ -z "$wheel" ]; then
    tmp="$(mktemp -d)"
    log "downloading tensorflow-cpu==$TF_VERSION with pip (~270 MB)"
    python3 -m pip download --quiet --no-deps "tensorflow-cpu==$TF_VERSION" -d "$tmp"
    wheel="$(ls "$tmp"/tensorflow_cpu-*.whl)"
  fi
  [ -f "$wheel" ] || { echo "wheel not found: $wheel" >&2; exit 2; }
  log "unpacking libtensorflow from $(basename "$wheel") into $LIBTF_DIR"
  rm -rf "$LIBTF_DIR.partial" && mkdir -p "$LIBTF_DIR.partial/lib"
  unzip -q -o "$wheel" 'tensorflow/libtensorflow_cc.so.2' 'tensorflow/libtensorflow_framework.so.2' \
    'tensorflow/include/*' -d "$LIBTF_DIR.partial/wheel"
  mv "$LIBTF_DIR.partial/wheel/tensorflow/libtensorflow_cc.so.2" "$LIBTF_DIR.partial/wheel/tensorflow/libtensorflow_framework.so.2" "$LIBTF_DIR.partial/lib/"
  mv "$LIBTF_DIR.partial/wheel/tensorflow/include" "$LIBTF_DIR.partial/include"
  rm -rf "$LIBTF_DIR.partial/wheel"
  # The binding links -ltensorflow -ltensorflow_framework.
  ln -sf libtensorflow_cc.so.2 "$LIBTF_DIR.partial/lib/libtensorflow.so"
  ln -sf libtensorflow_framework.so.2 "$LIBTF_DIR.partial/lib/libtensorflow_framework.so"
  rm -rf "$LIBTF_DIR" && mv "$LIBTF_DIR.partial" "$LIBTF_DIR"
fi

if ! node -e "require.resolve('@tensorflow/tfjs-node/package.json', { paths: ['packages/core'] })" 2>/dev/null; then
  log "adding @tensorflow/tfjs-node@$TFJS_NODE_VERSION to @curv/core (install script skipped)"
  pnpm add "@tensorflow/tfjs-node@$TFJS_NODE_VERSION" --filter @curv/core --save-optional --ignore-scripts
fi
pkg="$(node -p "require('path').dirname(require.resolve('@tensorflow/tfjs-node/package.json', { paths: ['packages/core'] }))")"
pkg="$(readlink -f "$pkg")"
log "building the binding in $pkg"
rm -rf "$pkg/deps" && mkdir -p "$pkg/deps"
ln -s "$LIBTF_DIR/lib" "$pkg/deps/lib"
ln -s "$LIBTF_DIR/include" "$pkg/deps/include"

NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
NODEDIR="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
NAPI=8
( cd "$pkg" && node "$NODE_GYP" rebuild --nodedir="$NODEDIR" -j 2 \
    --module_name=tfjs_binding --module_path="$pkg/lib/napi-v$NAPI" --napi_build_version=$NAPI >/dev/null )
log "checking that the backend starts"
node -e "
const tf = require('$pkg');
const a = tf.tensor2d([[1, 2], [3, 4]]);
const s = tf.matMul(a, a).arraySync();
if (tf.getBackend() !== 'tensorflow' || JSON.stringify(s) !== '[[7,10],[15,22]]') throw new Error('bad result ' + JSON.stringify(s));
console.error('[tfjs-node-offline] ok: backend', tf.getBackend(), 'of tfjs-node', tf.version['tfjs-node'], 'on libtensorflow from $LIBTF_DIR');
"
