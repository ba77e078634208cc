# apt_install installs Debian packages without recommended ones, through
# sudo when not root (env passes DEBIAN_FRONTEND through sudo's reset
# environment). Sourced by .ci/run and the steps that need a package.
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
