# Shared helpers for the .ci/*.sh scripts (sourced, not run).

# apt_install LOG PACKAGE...: installs the packages that are not installed yet
# (one apt-get update, no recommends). On failure prints the log's tail and
# returns 1; the caller reports it in its own format.
apt_install() {
  local log=$1 pkg need=()
  shift
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
  ((${#need[@]})) || return 0
  echo "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
    tail -20 "$log"
    return 1
  fi
}
