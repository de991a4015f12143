#!/bin/sh
# Install readinglist from this unpacked folder for the current user (or,
# with --prefix /usr/local run as root, for everyone); --uninstall removes it.
#
#   ./install.sh                  copies to ~/.local/lib/readinglist, links ~/.local/bin/readinglist,
#                                 adds the menu entry and the icons
#   ./install.sh --uninstall      removes all that again; your library is kept
#   ./install.sh --prefix DIR     installs under DIR instead of ~/.local
set -eu

prefix="${HOME}/.local"
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

here="$(cd "$(dirname "$0")" && pwd)"
app_dir="${prefix}/lib/readinglist"
bin_link="${prefix}/bin/readinglist"
share="${prefix}/share"
sizes="16 22 24 32 48 64 128 256 512"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "${share}/applications" 2>/dev/null || true
    # Refresh an icon cache that exists; making one where there was none
    # would hide the icons other programs add later.
    if [ -f "${share}/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "${share}/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "$action" = uninstall ]; then
    rm -rf "${app_dir}"
    [ -L "${bin_link}" ] && rm -f "${bin_link}"
    rm -f "${share}/applications/io.github.readinglist.readinglist.desktop" "${share}/metainfo/io.github.readinglist.readinglist.metainfo.xml"
    # The names before 0.3.0 (not reverse-DNS).
    rm -f "${share}/applications/readinglist.desktop" "${share}/metainfo/readinglist.metainfo.xml"
    rm -f "${share}/icons/hicolor/scalable/apps/readinglist.svg"
    for size in $sizes; do
        rm -f "${share}/icons/hicolor/${size}x${size}/apps/readinglist.png"
    done
    refresh_caches
    echo "readinglist is uninstalled. Your library was kept; to delete it too:"
    echo "  rm -rf \"${XDG_DATA_HOME:-$HOME/.local/share}/readinglist\" \"${XDG_STATE_HOME:-$HOME/.local/state}/readinglist\""
    exit 0
fi

res="${here}/_internal/readinglist/resources"
if [ ! -x "${here}/readinglist" ] || [ ! -d "${res}" ]; then
    echo "install.sh: run me from the unpacked readinglist folder" >&2
    exit 1
fi

# Copy first, then swap, so a failed copy leaves the old version working.
mkdir -p "${prefix}/lib" "${prefix}/bin" "${share}/applications" "${share}/metainfo"
if [ "${here}" != "${app_dir}" ]; then
    rm -rf "${app_dir}.new"
    cp -a "${here}" "${app_dir}.new"
    rm -rf "${app_dir}"
    mv "${app_dir}.new" "${app_dir}"
fi
ln -sfn "${app_dir}/readinglist" "${bin_link}"

sed -e "s|^Exec=.*|Exec=\"${app_dir}/readinglist\"|" \
    -e "s|^TryExec=.*|TryExec=${app_dir}/readinglist|" \
    "${res}/linux/io.github.readinglist.readinglist.desktop" > "${share}/applications/io.github.readinglist.readinglist.desktop"
cp "${res}/linux/io.github.readinglist.readinglist.metainfo.xml" "${share}/metainfo/"
# An older install's entry, under the name it had before 0.3.0.
rm -f "${share}/applications/readinglist.desktop" "${share}/metainfo/readinglist.metainfo.xml"
mkdir -p "${share}/icons/hicolor/scalable/apps"
cp "${res}/icons/app/readinglist.svg" "${share}/icons/hicolor/scalable/apps/"
for size in $sizes; do
    mkdir -p "${share}/icons/hicolor/${size}x${size}/apps"
    cp "${res}/icons/app/hicolor/${size}x${size}/apps/readinglist.png" \
        "${share}/icons/hicolor/${size}x${size}/apps/"
done
refresh_caches

echo "readinglist is installed in ${app_dir}."
case ":${PATH}:" in
    *":${prefix}/bin:"*) echo "Start it from the menu or with: readinglist" ;;
    *) echo "Start it from the menu or with: ${bin_link}" ;;
esac
