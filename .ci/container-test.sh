#!/usr/bin/env bash
# Container test: build the Strata image from ./Dockerfile with Podman, on
# local stand-in base images (no container registry is needed), then run it the
# way production should (read-only root, no capabilities, uid 65532) and check
# that it serves, that its health check works and that it stops cleanly.
#
#   bash .ci/container-test.sh
#
# Needs root (rootful Podman). Installs podman, runc and busybox-static with
# apt-get when they are missing. The stand-in base images are cached in the
# local image store and rebuilt only when their inputs change:
#   localhost/strata-standin/go-toolchain:<ver>  busybox /bin/sh + the host's Go toolchain
#   localhost/strata-standin/go:<ver>            + a file-based module proxy (offline go mod download)
#   localhost/strata-standin/static:nonroot      distroless static :nonroot look-alike
#
# Environment (all optional):
#   STRATA_CT_IMAGE             image to build     (default localhost/strata:test)
#   STRATA_CT_PORT              first port to try on 127.0.0.1 (default 18080)
#   STRATA_CT_REBUILD_STANDINS  1: rebuild the stand-in images even if cached
#   STRATA_CT_KEEP              1: leave the test container running at the end
#
# The last line is "container-test: N passed, N failed"; the exit code is 0
# only when nothing failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
HELPERS=$ROOT/.ci/container

IMAGE=${STRATA_CT_IMAGE:-localhost/strata:test}
PORT=${STRATA_CT_PORT:-18080}
STANDIN=localhost/strata-standin
NAME=strata-ct-$$

# This sandbox: the default rlimits that Podman asks for (nofile 1048576,
# nproc 4194304) exceed the hard limits here and runc refuses to start the
# container, so every container gets explicit, modest limits; runc is named
# explicitly because it is the runtime known to work here.
ULIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
pm() { podman --runtime runc "$@"; }

passed=0
failed=0
CID=
TMP=

pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
summary() { echo; echo "container-test: $passed passed, $failed failed"; }
die() { fail "$*"; summary; exit 1; }
step() { printf '\n== %s [%ss]\n' "$*" "$SECONDS"; }

cleanup() {
	local rc=$?
	if [[ -n $CID ]]; then
		if [[ ${STRATA_CT_KEEP:-} == 1 ]]; then
			echo "leaving container $NAME running (STRATA_CT_KEEP=1)"
		else
			pm rm -f -t 0 "$CID" >/dev/null 2>&1 || true
		fi
	fi
	if [[ -n $TMP && -d $TMP ]]; then
		chmod -R u+w "$TMP" 2>/dev/null || true
		rm -rf "$TMP"
	fi
	return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

TMP=$(mktemp -d "${TMPDIR:-/tmp}/strata-ct.XXXXXX")

sha() { sha256sum "$@" | awk '{print $1}' | sha256sum | cut -c1-16; }
label_of() { podman image inspect --format "{{index .Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# A statically linked busybox, to be /bin/sh in the Go stand-in image.
static_busybox() {
	local b
	for b in /bin/busybox /usr/bin/busybox "$TMP/busybox/bin/busybox"; do
		if [[ -x $b ]] && ! ldd "$b" >/dev/null 2>&1; then
			echo "$b"
			return 0
		fi
	done
	return 1
}

# ---------------------------------------------------------------------------
step "tools"
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
command -v curl >/dev/null || missing+=(curl)
if ! static_busybox >/dev/null && ! dpkg -s busybox >/dev/null 2>&1; then
	# busybox-static conflicts with the dynamic busybox package; when that
	# one is installed, the static binary is unpacked privately below instead.
	missing+=(busybox-static)
fi
if ((${#missing[@]})); then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# uidmap, slirp4netns and fuse-overlayfs are Podman's usual companions
		# (rootless, networking, overlay without kernel support).
		apt-get install -y -qq --no-install-recommends \
			"${missing[@]}" uidmap slirp4netns fuse-overlayfs >/dev/null
	else
		die "missing ${missing[*]} (run as root on Debian/Ubuntu to install them)"
	fi
fi
if ! static_busybox >/dev/null; then
	(cd "$TMP" && apt-get download busybox-static >/dev/null && dpkg-deb -x busybox-static_*.deb busybox) ||
		die "no statically linked busybox (apt package busybox-static)"
fi
BUSYBOX=$(static_busybox)
[[ $(id -u) == 0 ]] || die "rootful Podman is needed: run as root"
podman --version
runc --version | head -1
pass "podman, runc, curl and a static busybox are present"

# ---------------------------------------------------------------------------
step "snapshot of the work tree"
# The stand-in module proxy is made from go.mod/go.sum and the image from the
# sources: both come from one copy, so edits made meanwhile in the checkout
# cannot make them disagree. The copy keeps the Dockerfile and .dockerignore.
CTX=$TMP/context
mkdir -p "$CTX"
tar -C "$ROOT" --exclude=./.git --exclude=./node_modules -cf - . | tar -C "$CTX" -xf -
echo "$(find "$CTX" -type f | wc -l) files, $(du -sh "$CTX" | cut -f1)"

# ---------------------------------------------------------------------------
step "Go toolchain from go.mod"
TOOLCHAIN=$(awk '$1 == "toolchain" {print $2; exit}' "$CTX/go.mod")
[[ -n $TOOLCHAIN ]] || TOOLCHAIN=go$(awk '$1 == "go" {print $2; exit}' "$CTX/go.mod")
GOVER=${TOOLCHAIN#go}
command -v go >/dev/null || die "no go command on PATH"
# GOTOOLCHAIN=<ver> makes the host's go find (or fetch from the module proxy)
# exactly that toolchain; its own binary is then used with GOTOOLCHAIN=local.
GOROOT_HOST=$(GOTOOLCHAIN=$TOOLCHAIN go env GOROOT)
GO=$GOROOT_HOST/bin/go
gohost() { GOTOOLCHAIN=local "$GO" "$@"; }
gohost version | grep -q "go version $TOOLCHAIN " || die "$GO is not $TOOLCHAIN"
[[ $(gohost env GOOS) == linux ]] || die "the host toolchain must be a linux one"
echo "$TOOLCHAIN at $GOROOT_HOST"

# ---------------------------------------------------------------------------
step "stand-in build image (for GO_IMAGE=golang:$GOVER-bookworm)"
TC_IMAGE=$STANDIN/go-toolchain:$GOVER
GO_IMAGE=$STANDIN/go:$GOVER
tc_key=$(cd "$GOROOT_HOST" && sha VERSION bin/go)-$(sha "$BUSYBOX")
if [[ ${STRATA_CT_REBUILD_STANDINS:-} == 1 || $(label_of "$TC_IMAGE" strata.standin.key) != "$tc_key" ]]; then
	rootfs=$TMP/toolchain-rootfs
	mkdir -p "$rootfs"/{bin,etc,tmp,root,usr/local,go/bin,go/src}
	cp "$BUSYBOX" "$rootfs/bin/busybox"
	for applet in sh ash cat cp env grep id ls mkdir mv rm sed tar wc; do
		ln -s busybox "$rootfs/bin/$applet"
	done
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
	chmod 1777 "$rootfs/tmp" "$rootfs/go" "$rootfs/go/bin" "$rootfs/go/src"
	chmod 0700 "$rootfs/root"
	# Hard links are instant when the toolchain is on the same filesystem.
	cp -al "$GOROOT_HOST" "$rootfs/usr/local/go" 2>/dev/null || {
		chmod -R u+w "$rootfs/usr/local/go" 2>/dev/null || true
		rm -rf "$rootfs/usr/local/go"
		cp -a "$GOROOT_HOST" "$rootfs/usr/local/go"
	}
	tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -cf - . |
		podman import --change "LABEL strata.standin.key=$tc_key" --change 'CMD ["/bin/sh"]' - "$TC_IMAGE" >/dev/null 2>&1 ||
		die "podman import of the toolchain rootfs"
	chmod -R u+w "$rootfs"
	rm -rf "$rootfs"
	echo "built $TC_IMAGE"
else
	echo "cached $TC_IMAGE"
fi

tc_id=$(podman image inspect --format '{{.Id}}' "$TC_IMAGE")
go_key=$(sha "$CTX/go.mod" "$CTX/go.sum" "$HELPERS/go-standin.Containerfile")-${tc_id:0:12}
if [[ ${STRATA_CT_REBUILD_STANDINS:-} == 1 || $(label_of "$GO_IMAGE" strata.standin.key) != "$go_key" ]]; then
	# Fetch exactly what `go mod download` fetches for this go.mod, into a
	# private module cache, from the host's cache first and the host's
	# GOPROXY after it. The cache's download/ folder is a valid GOPROXY.
	mkdir -p "$TMP/mod/module" "$TMP/go-context"
	cp "$CTX/go.mod" "$CTX/go.sum" "$TMP/mod/module/"
	host_cache=$(gohost env GOMODCACHE)
	host_proxy=$(gohost env GOPROXY)
	proxy="file://$host_cache/cache/download"
	[[ -z $host_proxy || $host_proxy == off ]] || proxy="$proxy,$host_proxy"
	(cd "$TMP/mod/module" &&
		GOFLAGS=-modcacherw GOMODCACHE="$TMP/mod/cache" GOPROXY="$proxy" gohost mod download) ||
		die "go mod download for the stand-in module proxy"
	cp -a "$TMP/mod/cache/cache/download" "$TMP/go-context/goproxy"
	rm -rf "$TMP/go-context/goproxy/sumdb"
	echo "module proxy: $(find "$TMP/go-context/goproxy" -name '*.zip' | wc -l) modules, $(du -sh "$TMP/go-context/goproxy" | cut -f1)"
	pm build --quiet --layers=false --format docker --pull=never --network none "${ULIMITS[@]}" \
		--build-arg "TOOLCHAIN_IMAGE=$TC_IMAGE" --build-arg "GOLANG_VERSION=$GOVER" \
		--label "strata.standin.key=$go_key" \
		-f "$HELPERS/go-standin.Containerfile" -t "$GO_IMAGE" "$TMP/go-context" >/dev/null
	echo "built $GO_IMAGE"
else
	echo "cached $GO_IMAGE"
fi
pass "stand-in GO_IMAGE $GO_IMAGE"

# ---------------------------------------------------------------------------
step "stand-in runtime image (for RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot)"
RUNTIME_IMAGE=$STANDIN/static:nonroot
rootfs=$TMP/static-rootfs
mkdir -p "$rootfs"/{etc/ssl/certs,tmp,root,home/nonroot} "$TMP/static-context"
cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
EOF
echo 'hosts: files dns' >"$rootfs/etc/nsswitch.conf"
printf 'PRETTY_NAME="Strata test stand-in for distroless static (nonroot)"\nID=strata-standin\n' >"$rootfs/etc/os-release"
if [[ -r /etc/ssl/certs/ca-certificates.crt ]]; then
	cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
fi
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/root" "$rootfs/home/nonroot"
chown 65532:65532 "$rootfs/home/nonroot"
# A byte-for-byte reproducible tar, so its hash says whether to rebuild.
tar --sort=name --mtime=@0 --numeric-owner --format=gnu -C "$rootfs" -cf "$TMP/static-context/rootfs.tar" .
rt_key=$(sha "$TMP/static-context/rootfs.tar" "$HELPERS/static-standin.Containerfile")
if [[ ${STRATA_CT_REBUILD_STANDINS:-} == 1 || $(label_of "$RUNTIME_IMAGE" strata.standin.key) != "$rt_key" ]]; then
	pm build --quiet --layers=false --format docker --pull=never --network none "${ULIMITS[@]}" \
		--label "strata.standin.key=$rt_key" \
		-f "$HELPERS/static-standin.Containerfile" -t "$RUNTIME_IMAGE" "$TMP/static-context" >/dev/null
	echo "built $RUNTIME_IMAGE"
else
	echo "cached $RUNTIME_IMAGE"
fi
pass "stand-in RUNTIME_IMAGE $RUNTIME_IMAGE"

# ---------------------------------------------------------------------------
step "podman build $IMAGE"
VERSION=ci-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
old_id=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
build_start=$SECONDS
# --format docker keeps HEALTHCHECK (the OCI format has no such field);
# --network none proves the build needs no network with the stand-ins.
if pm build --format docker --pull=never --network none "${ULIMITS[@]}" \
	--build-arg "GO_IMAGE=$GO_IMAGE" \
	--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" \
	--build-arg "VERSION=$VERSION" \
	-f "$CTX/Dockerfile" -t "$IMAGE" "$CTX" >"$TMP/build.log" 2>&1; then
	pass "image built in $((SECONDS - build_start))s"
else
	cat "$TMP/build.log"
	die "podman build"
fi
new_id=$(podman image inspect --format '{{.Id}}' "$IMAGE")
if [[ -n $old_id && $old_id != "$new_id" ]]; then
	podman rmi "$old_id" >/dev/null 2>&1 || true # the previous test image, if unused
fi

size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
echo "image size: $size bytes ($(awk -v s="$size" 'BEGIN {printf "%.1f MiB", s / 1048576}'))"
podman history --format '{{.Size}}\t{{.CreatedBy}}' "$IMAGE" | cut -c1-110 | head -12

got=$(pm run --rm --no-healthcheck --network none "${ULIMITS[@]}" "$IMAGE" version 2>&1) || true
[[ $got == "$VERSION" ]] && pass "strata version prints the build's VERSION ($VERSION)" || fail "strata version printed: $got"

img() { podman image inspect --format "$1" "$IMAGE"; }
[[ $(img '{{.Config.User}}') == 65532:65532 ]] && pass "image user is 65532:65532" || fail "image user: $(img '{{.Config.User}}')"
[[ $(img '{{json .Config.Entrypoint}}') == '["/strata"]' && $(img '{{json .Config.Cmd}}') == '["serve"]' ]] &&
	pass "entrypoint /strata, cmd serve" || fail "entrypoint/cmd: $(img '{{json .Config.Entrypoint}} {{json .Config.Cmd}}')"
img '{{json .Config.ExposedPorts}}' | grep -q '"8080/tcp"' && pass "exposes 8080/tcp" || fail "exposed ports: $(img '{{json .Config.ExposedPorts}}')"
img '{{json .Config.Env}}' | grep -q '"STRATA_ADDR=:8080"' && pass "ENV STRATA_ADDR=:8080" || fail "env: $(img '{{json .Config.Env}}')"
hc=$(img '{{json .HealthCheck}}')
if [[ $hc == *'"CMD","/strata","healthcheck"'* && $hc == *'"Interval":10000000000'* && $hc == *'"Timeout":3000000000'* &&
	$hc == *'"StartPeriod":5000000000'* && $hc == *'"Retries":3'* ]]; then
	pass "image health check: $hc"
else
	fail "image health check: $hc"
fi

# ---------------------------------------------------------------------------
step "podman run (read-only, no capabilities, uid 65532, host network)"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_busy "$PORT"; do PORT=$((PORT + 1)); done
BASE=http://127.0.0.1:$PORT
# --read-only-tmpfs=false: not even /tmp, /run or /var/tmp is writable.
run_start=$SECONDS
CID=$(pm run -d --name "$NAME" \
	--read-only --read-only-tmpfs=false \
	--cap-drop ALL --security-opt no-new-privileges \
	--user 65532:65532 "${ULIMITS[@]}" \
	--network host -e "STRATA_ADDR=127.0.0.1:$PORT" -e STRATA_DRAIN=1s \
	-e STRATA_BASE_URL=https://health.example.org \
	"$IMAGE" 2>"$TMP/run.err") || { cat "$TMP/run.err"; die "podman run"; }
# Podman schedules periodic health checks with systemd timers; with no
# systemd (as in this sandbox) it logs an error and runs the container
# without them. The check itself is run by hand below.
if grep -q 'systemd connection' "$TMP/run.err"; then
	echo "note: no systemd here, so Podman runs no periodic health checks (checked by hand below)"
fi
grep -v 'systemd connection' "$TMP/run.err" || true
echo "container $NAME ${CID:0:12} on $BASE"

up=
for _ in $(seq 1 60); do
	if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/healthz") == 200 ]]; then
		up=1
		break
	fi
	[[ $(podman inspect --format '{{.State.Running}}' "$CID") == true ]] || break
	sleep 0.5
done
if [[ -n $up ]]; then
	pass "/healthz answered 200, $((SECONDS - run_start))s after podman run"
else
	podman logs "$CID" 2>&1 | tail -20
	die "/healthz never answered 200"
fi

check_page() { # path, text it must contain
	local code
	code=$(curl -s -o "$TMP/page" -w '%{http_code}' --max-time 5 "$BASE$1") || true
	if [[ $code == 200 && -z $2 ]]; then
		pass "GET $1: 200"
	elif [[ $code == 200 ]] && grep -qF "$2" "$TMP/page"; then
		pass "GET $1: 200, has \"$2\""
	else
		fail "GET $1: status $code, has \"$2\": $(grep -cF "$2" "$TMP/page" 2>/dev/null || echo no)"
	fi
}
check_page / '<title>Strata Health Library</title>'
check_page /articles/bone-preservation-aromatase-inhibition/fundamentals 'Bone preservation during aromatase inhibition'
check_page /glossary '<link rel="canonical" href="https://health.example.org/glossary">'
check_page /readyz ''

if podman exec "$CID" /strata healthcheck; then
	pass "podman exec /strata healthcheck: exit 0"
else
	fail "podman exec /strata healthcheck: exit $?"
fi
if pm healthcheck run "$CID" >/dev/null 2>&1; then
	pass "podman healthcheck run: healthy"
else
	fail "podman healthcheck run: unhealthy"
fi
if podman exec "$CID" /bin/sh -c true >/dev/null 2>&1; then
	fail "the image has a shell (/bin/sh)"
else
	pass "no shell in the image"
fi

ins() { podman inspect --format "$1" "$CID"; }
[[ $(ins '{{.Config.User}}') == 65532:65532 ]] && pass "container user 65532:65532" || fail "container user: $(ins '{{.Config.User}}')"
[[ $(podman top "$CID" huser 2>/dev/null | tail -n +2 | sort -u) == 65532 ]] &&
	pass "server process runs as uid 65532" || fail "process users: $(podman top "$CID" huser 2>&1 | tail -n +2 | tr '\n' ' ')"
[[ $(ins '{{.HostConfig.ReadonlyRootfs}}') == true ]] && pass "read-only root filesystem" || fail "root filesystem is not read-only"
chc=$(ins '{{json .Config.Healthcheck}}')
if [[ $chc == *'"CMD","/strata","healthcheck"'* && $chc == *'"Interval":10000000000'* && $chc == *'"Retries":3'* ]]; then
	pass "container health check configured: $chc"
else
	fail "container health check: $chc"
fi
echo "health status: $(ins '{{.State.Health.Status}}' 2>/dev/null || ins '{{.State.Healthcheck.Status}}' 2>/dev/null || echo '?')"

# ---------------------------------------------------------------------------
step "graceful stop (SIGTERM, STRATA_DRAIN=1s)"
stop_start=$SECONDS
pm stop -t 20 "$CID" >/dev/null 2>"$TMP/stop.err" || { cat "$TMP/stop.err"; fail "podman stop"; }
grep -v 'systemd connection' "$TMP/stop.err" || true
code=$(ins '{{.State.ExitCode}}')
if [[ $code == 0 ]]; then
	pass "stopped on SIGTERM in $((SECONDS - stop_start))s, exit 0"
else
	fail "exit code $code after SIGTERM"
fi
podman logs "$CID" 2>&1 | grep -E 'level=(ERROR|WARN)|"level":"(ERROR|WARN)"|panic' && fail "errors in the server log" || pass "no errors in the server log"
podman logs "$CID" 2>&1 | tail -4

summary
((failed == 0))
