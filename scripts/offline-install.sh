#!/usr/bin/env bash
# 同心离线安装：只用本目录 wheels/ 中的软件包（pip --no-index），不访问任何网络。
# Offline install of tongxin from wheels/ only (pip --no-index); then migrate and start.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX="$HERE/tongxin"
PORT=8000
HOST=127.0.0.1
START=1
SERVE_ARGS=()
usage() {
  cat <<TXT
用法：./install.sh [--prefix 目录] [--port 端口] [--host 地址] [--no-start] [--no-demo] [--python python3.11]
  --prefix   安装目录（默认 ./tongxin）：虚拟环境在 目录/venv，数据在 目录/data（可用 TONGXIN_DATA_DIR 另指定）
  --no-start 只安装和建库，不启动
  --no-demo  空库时不载入示例方案
启动后访问 http://地址:端口/ ；以后再启动：目录/start.sh
TXT
}
PYTHON="${PYTHON:-python3.11}"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --host) HOST="$2"; shift 2 ;;
    --python) PYTHON="$2"; shift 2 ;;
    --no-start) START=0; shift ;;
    --no-demo) SERVE_ARGS+=(--no-demo); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "未知参数：$1" >&2; usage >&2; exit 2 ;;
  esac
done
command -v "$PYTHON" >/dev/null || { echo "找不到 $PYTHON：同心需要 Python 3.11（--python 指定）。" >&2; exit 1; }

echo "== 创建虚拟环境 $PREFIX/venv"
"$PYTHON" -m venv "$PREFIX/venv"
# Ignore any pip configuration on this machine: everything comes from wheels/, nothing from an index.
export PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS
"$PREFIX/venv/bin/python" -m pip install --quiet --no-index --find-links "$HERE/wheels" --upgrade pip
echo "== 安装同心及其依赖（离线）"
"$PREFIX/venv/bin/python" -m pip install --quiet --no-index --find-links "$HERE/wheels" tongxin

export TONGXIN_DATA_DIR="${TONGXIN_DATA_DIR:-$PREFIX/data}"
echo "== 建库（数据目录 $TONGXIN_DATA_DIR）"
"$PREFIX/venv/bin/tongxin" migrate --verbosity 0
cat >"$PREFIX/start.sh" <<SH
#!/usr/bin/env bash
export TONGXIN_DATA_DIR="\${TONGXIN_DATA_DIR:-$TONGXIN_DATA_DIR}"
exec "$PREFIX/venv/bin/tongxin" serve --host "\${HOST:-$HOST}" --port "\${PORT:-$PORT}" ${SERVE_ARGS[*]:-} "\$@"
SH
chmod +x "$PREFIX/start.sh"
echo "安装完成。启动：$PREFIX/start.sh"
if [ "$START" = 1 ]; then
  exec "$PREFIX/start.sh"
fi
