# Debian packages the project needs, installed with apt-get when missing (as root, or through sudo).
# Sourced by scripts/services.sh; `bash scripts/packages.sh pdf` (make run) installs WeasyPrint's.

# WeasyPrint's libraries and fonts (the consultancy statement's PDF): Pango, HarfBuzz's subsetter, DejaVu.
WEASYPRINT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: need root to run: $*" >&2; return 1
  fi
}

package_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]; }

# ensure_packages NAME...: install the ones not installed yet, with one apt-get update.
ensure_packages() {
  local wanted=()
  for pkg in "$@"; do package_installed "$pkg" || wanted+=("$pkg"); done
  [ ${#wanted[@]} -eq 0 ] && return 0
  printf '\033[1m== installing %s\033[0m\n' "${wanted[*]}"
  as_root apt-get update -qq && \
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  case "${1:-}" in
    pdf) ensure_packages "${WEASYPRINT_PACKAGES[@]}" || echo "warning: without ${WEASYPRINT_PACKAGES[*]} the PDF exports answer 503" >&2 ;;
    *) echo "usage: bash scripts/packages.sh pdf" >&2; exit 2 ;;
  esac
fi
