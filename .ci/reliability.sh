#!/usr/bin/env bash
# Reliability checks for Strata (issue 10). Everything runs on 127.0.0.1, every
# load run is bounded in time, and every process started here is stopped here.
#
#   bash .ci/reliability.sh [short|long]
#
#   short (default, for CI): about 2–3 minutes on 2 cores once the Go build cache
#                            is warm; long: about 8 minutes.
#
# (a) replicas: three Strata processes (one binary, built once) behind HAProxy,
#     which health-checks GET /readyz. While a load runs through HAProxy, each
#     replica in turn gets SIGTERM, is waited for (exit code 0), started again and
#     waited for (/readyz, then HAProxy marking it UP). Pass: the load tool
#     reports no failed request (no connection error, no status outside 2xx/3xx),
#     HAProxy had to retry or redispatch none (it would otherwise hide a replica
#     that drops requests), and all three replicas send the same ETag and the same
#     bytes for every URL in the sitemap (plus assets, feeds and the 404 page) in
#     every encoding.
# (b) soak: one replica under a steady, rate-limited load; its RSS (VmRSS from
#     /proc) and goroutine count (go_goroutines from /metrics) are sampled every
#     few seconds. Pass: after warm-up they stay flat (final RSS <= 1.2 x the
#     warm-up value; goroutines within +10), and goroutines return to the idle
#     count once the load stops.
# (c) search storm, (d) connection flood, (e) CL+TE, on the soak replica: a
#     normal client's failures and p99 alone, beside 32 clients searching common
#     words (which must get no 503), during a storm of distinct fuzzy searches,
#     while two attackers hold 2 x FLOOD_CONNS idle connections (the server must
#     stay under -max-conns and never fail to accept), and during requests with
#     both Content-Length and Transfer-Encoding (each: one 400, then the
#     connection closed). The attackers are `strata-bench attack`.
# Then a summary table. The last line is "reliability: N passed, N failed"; the
# exit code is 0 only when nothing failed.
#
# Needs Go (GOTOOLCHAIN=go1.26.10, from the module proxy), curl and ss; HAProxy is
# installed with apt-get when missing (as root); the load tool is hey, built from
# the module proxy at a pinned version.
#
# Environment (all optional):
#   STRATA_REL_PORT  first port to try on 127.0.0.1 (default 19080)
#   STRATA_REL_KEEP  1: keep the work folder (logs, hey output, samples)
#   STRATA_REL_DRAIN the replicas' -drain (default 2s; 0s should make (a) fail)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export GOTOOLCHAIN=go1.26.10
export GOFLAGS=-buildvcs=false

MODE=${1:-short}
case $MODE in
short)
  LOAD_SECS=30     # the load through HAProxy, during which the replicas restart
  ROUNDS=1         # rolling restarts of all three replicas
  ROUND_GAP=0      # seconds between rounds
  SOAK_SECS=45     # the soak's load
  SOAK_WARM=12     # samples before this are warm-up
  SAMPLE_EVERY=3
  STORM_SECS=8     # each search phase
  FLOOD_SECS=10    # the normal client during the flood
  FLOOD_CONNS=10000 # connections each of two attackers holds
  CLTE_N=100
  ;;
long)
  LOAD_SECS=90
  ROUNDS=3
  ROUND_GAP=12
  SOAK_SECS=300
  SOAK_WARM=60
  SAMPLE_EVERY=10
  STORM_SECS=30
  FLOOD_SECS=30
  FLOOD_CONNS=12000
  CLTE_N=500
  ;;
*)
  echo "usage: $0 [short|long]" >&2
  exit 2
  ;;
esac
HEY_VERSION=v0.1.5
# -drain for the replicas: HAProxy notices a failing /readyz within ~300 ms.
# STRATA_REL_DRAIN=0s shows that the check catches a server that stops at once.
DRAIN=${STRATA_REL_DRAIN:-2s}

WORK=$(mktemp -d /tmp/strata-reliability.XXXXXX)
PIDS=()   # every process started here, stopped by the trap
ROWS=()   # summary table rows
PASSED=0
FAILED=0

say() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
row() { # phase, check, value, PASS|FAIL
  ROWS+=("$(printf '%-9s %-52s %-30s %s' "$1" "$2" "$3" "$4")")
  if [ "$4" = PASS ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
  say "$4: $1: $2: $3"
}
check() { # phase, check, value, condition (an arithmetic expression)
  if (($4)); then row "$1" "$2" "$3" PASS; else row "$1" "$2" "$3" FAIL; fi
}

cleanup() {
  local rc=$? pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "${STRATA_REL_KEEP:-0}" = 1 ] || [ "$FAILED" -gt 0 ] || [ $rc -ne 0 ]; then
    echo "work folder kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

NEXT_PORT=${STRATA_REL_PORT:-19080}
free_port() { # VAR: sets VAR to a port nobody listens on, from NEXT_PORT up
  local p=$NEXT_PORT
  while ss -Hltn "sport = :$p" | grep -q .; do p=$((p + 1)); done
  NEXT_PORT=$((p + 1))
  printf -v "$1" '%s' "$p"
}

http_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }
wait_code() { # url, code, seconds
  local deadline=$((SECONDS + $3))
  while [ "$(http_code "$1")" != "$2" ]; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.1
  done
}

# ---------------------------------------------------------------- preparation
say "mode $MODE; work folder $WORK"
if ! command -v haproxy >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing haproxy"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
  else
    echo "reliability: haproxy is missing (apt-get install haproxy)" >&2
    exit 1
  fi
fi
for tool in curl ss; do
  command -v $tool >/dev/null || { echo "reliability: $tool is missing" >&2; exit 1; }
done

start=$SECONDS
go build -o "$WORK/strata" ./cmd/strata
go build -o "$WORK/strata-bench" ./cmd/strata-bench
GOBIN="$WORK/bin" go install "github.com/rakyll/hey@$HEY_VERSION"
BIN=$WORK/strata
BENCH=$WORK/strata-bench
HEY=$WORK/bin/hey
say "built strata and hey $HEY_VERSION in $((SECONDS - start))s"

# hey_result FILE: prints "ok bad errors p99" from a hey report (ok: 2xx/3xx).
hey_result() {
  local ok=0 bad=0 errors=0 code n p99
  while read -r code n; do
    if [[ $code == [23]* ]]; then ok=$((ok + n)); else bad=$((bad + n)); fi
  done < <(grep -Eo '\[[0-9]{3}\][[:space:]]+[0-9]+ responses' "$1" | tr -d '[]' | awk '{print $1, $2}')
  while read -r n; do
    errors=$((errors + n))
  done < <(sed -n '/^Error distribution:/,$p' "$1" | grep -Eo '^[[:space:]]*\[[0-9]+\]' | tr -dc '0-9\n')
  p99=$(grep -E '99%+ in' "$1" | awk '{print $3}')
  echo "$ok $bad $errors ${p99:-?}"
}

# ------------------------------------------------- (a) replicas behind HAProxy
free_port P1
free_port P2
free_port P3
free_port LB_PORT
free_port STATS_PORT
P=("$P1" "$P2" "$P3")
RPID=(0 0 0)
# The replicas' address for readers (canonical links, the sitemap): the load
# balancer's. The shipped content names no base URL, and without one there is
# no sitemap.
export STRATA_BASE_URL=http://127.0.0.1:$LB_PORT
start_replica() { # index
  "$BIN" serve -addr "127.0.0.1:${P[$1]}" -drain "$DRAIN" -log-format json 2>>"$WORK/replica$(($1 + 1)).log" &
  RPID[$1]=$!
  PIDS+=("$!")
}
lb_status() { # server name → UP, DOWN, ...
  curl -s -m 2 "http://127.0.0.1:$STATS_PORT/stats;csv" |
    awk -F, -v s="$1" '$1 == "strata" && $2 == s { print $18 }'
}
wait_lb() { # server name, status, seconds
  local deadline=$((SECONDS + $3))
  until [[ "$(lb_status "$1")" == "$2"* ]]; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.1
  done
}

for i in 0 1 2; do start_replica $i; done
for i in 0 1 2; do
  wait_code "http://127.0.0.1:${P[$i]}/readyz" 200 60 || { echo "replica $((i + 1)) did not get ready" >&2; exit 1; }
done
say "replicas ready on ports ${P[*]}"

export LB_PORT STATS_PORT P1 P2 P3
haproxy -c -q -f .ci/reliability/haproxy.cfg
haproxy -db -f .ci/reliability/haproxy.cfg 2>"$WORK/haproxy.log" &
HAPROXY_PID=$!
PIDS+=("$HAPROXY_PID")
for s in s1 s2 s3; do
  wait_lb $s UP 20 || { echo "haproxy did not mark $s UP" >&2; exit 1; }
done
say "haproxy on port $LB_PORT, stats on $STATS_PORT"

LB=http://127.0.0.1:$LB_PORT
ARTICLE=$(curl -s "$LB/sitemap.xml" | grep -o '<loc>[^<]*/articles/[^<]*</loc>' | head -1 | sed -e 's#<loc>[a-z]*://[^/]*##' -e 's#</loc>##')
[ -n "$ARTICLE" ] || { echo "no article in the sitemap" >&2; exit 1; }

# The load: three hey runs at once, on a page in each encoding, for LOAD_SECS.
HEYS=()
hey_bg() { # name, extra args...
  local name=$1
  shift
  "$HEY" "$@" >"$WORK/hey-$name.txt" 2>&1 &
  HEYS+=("$name:$!")
  PIDS+=("$!")
}
hey_bg lb-home -z "${LOAD_SECS}s" -c 6 -disable-redirects -H "Accept-Encoding: br" "$LB/"
hey_bg lb-article -z "${LOAD_SECS}s" -c 6 -disable-redirects -H "Accept-Encoding: gzip" "$LB$ARTICLE"
hey_bg lb-glossary -z "${LOAD_SECS}s" -c 4 -disable-redirects -disable-compression "$LB/glossary"
load_start=$SECONDS
sleep 3

restarts_ok=0
restarts=0
max_gap=0
for round in $(seq "$ROUNDS"); do
  [ "$round" -gt 1 ] && sleep "$ROUND_GAP"
  for i in 0 1 2; do
    name=s$((i + 1))
    t0=$SECONDS
    kill -TERM "${RPID[$i]}"
    rc=0
    wait "${RPID[$i]}" || rc=$?
    start_replica "$i"
    if [ $rc -eq 0 ] && wait_code "http://127.0.0.1:${P[$i]}/readyz" 200 60 && wait_lb "$name" UP 20; then
      restarts_ok=$((restarts_ok + 1))
    else
      say "restart of $name: exit code $rc, or it did not come back"
    fi
    restarts=$((restarts + 1))
    gap=$((SECONDS - t0))
    ((gap > max_gap)) && max_gap=$gap
    say "round $round: $name restarted (exit $rc) and UP again after ${gap}s"
  done
done
restart_secs=$((SECONDS - load_start))

lb_total_ok=0 lb_total_bad=0 lb_total_err=0 lb_p99=""
for entry in "${HEYS[@]}"; do
  wait "${entry#*:}" || true
done
for entry in "${HEYS[@]}"; do
  name=${entry%%:*}
  read -r ok bad errors p99 <<<"$(hey_result "$WORK/hey-$name.txt")"
  lb_total_ok=$((lb_total_ok + ok))
  lb_total_bad=$((lb_total_bad + bad))
  lb_total_err=$((lb_total_err + errors))
  lb_p99+="$name ${p99}s; "
done
# HAProxy may retry a request whose connection failed, on another replica
# (redispatch): that would hide a replica that stops abruptly, so none may happen.
read -r lb_retries lb_redispatches < <(curl -s -m 2 "http://127.0.0.1:$STATS_PORT/stats;csv" |
  awk -F, '$1 == "strata" && $2 == "BACKEND" { print $16 + 0, $17 + 0 }')

check replicas "rolling restarts (SIGTERM, exit 0, /readyz, UP)" "$restarts_ok/$restarts, longest ${max_gap}s" "restarts_ok == restarts"
check replicas "restarts fit inside the load run" "${restart_secs}s of ${LOAD_SECS}s" "restart_secs < LOAD_SECS"
check replicas "requests through HAProxy answered 2xx/3xx" "$lb_total_ok" "lb_total_ok > 0"
check replicas "failed requests (other status or connection error)" "$lb_total_bad status, $lb_total_err errors" "lb_total_bad == 0 && lb_total_err == 0"
row replicas "p99 latency (hey)" "${lb_p99%; }" PASS
check replicas "requests HAProxy had to retry or redispatch" "$lb_retries retried, $lb_redispatches redispatched" "lb_retries == 0 && lb_redispatches == 0"

# Same URL and encoding: same ETag and bytes on every replica, once each has
# finished what it builds after it is ready (compressed variants, then the search
# index: /search answers 200).
for i in 0 1 2; do
  wait_code "http://127.0.0.1:${P[$i]}/search?q=bone" 200 60 || { echo "replica $((i + 1)) did not complete" >&2; exit 1; }
done
{
  curl -s "http://127.0.0.1:${P[0]}/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -e 's#<loc>[a-z]*://[^/]*##' -e 's#</loc>##'
  curl -s "http://127.0.0.1:${P[0]}/" "http://127.0.0.1:${P[0]}$ARTICLE" |
    grep -Eo '(href|src)="/[^"#?]*"' | sed -E 's/^(href|src)="//; s/"$//'
  printf '%s\n' / /glossary.json /feed.xml /robots.txt /sitemap.xml /no-such-page
} | sort -u >"$WORK/urls.txt"
# One curl per replica and encoding (process start-up is the slow part here):
# "URL status ETag body-hash" per line, then the three replicas' lists compared.
mapfile -t URLS <"$WORK/urls.txt"
compared=0 mismatched=0 untagged=0
for enc in identity gzip br; do
  for i in 0 1 2; do
    dir=$WORK/compare/$enc-$i
    mkdir -p "$dir"
    for j in "${!URLS[@]}"; do
      printf 'url = "http://127.0.0.1:%s%s"\noutput = "%s/%04d"\n' "${P[$i]}" "${URLS[$j]}" "$dir" "$j"
    done >"$dir.cfg"
    curl -s -m 60 -K "$dir.cfg" -H "Accept-Encoding: $enc" -w '%{http_code} %header{etag}\n' >"$dir.meta" || true
    (cd "$dir" && sha256sum -- *) >"$dir.sums"
    awk 'FILENAME == ARGV[1] { sum[$2] = substr($1, 1, 16); next }
         FILENAME == ARGV[2] { meta[FNR] = $0; next }
         { f = sprintf("%04d", FNR - 1); print $0, meta[FNR], (f in sum ? sum[f] : "no-body") }' \
      "$dir.sums" "$dir.meta" "$WORK/urls.txt" >"$dir.txt"
  done
  first=$WORK/compare/$enc-0.txt
  compared=$((compared + $(wc -l <"$first")))
  untagged=$((untagged + $(awk '$2 == 200 && NF < 4' "$first" | wc -l)))
  for i in 1 2; do
    differ=$(diff "$first" "$WORK/compare/$enc-$i.txt" | grep -c '^>' || true)
    if [ "$differ" -gt 0 ]; then
      mismatched=$((mismatched + differ))
      say "replica $((i + 1)) differs from replica 1 ($enc):"
      diff "$first" "$WORK/compare/$enc-$i.txt" | head -6 || true
    fi
  done
done
check replicas "same ETag and bytes on all three replicas" "$compared URL×encoding, $mismatched differ" "compared > 50 && mismatched == 0"
check replicas "every 200 carries an ETag" "$untagged without" "untagged == 0"

for i in 0 1 2; do
  kill -TERM "${RPID[$i]}"
done
kill -TERM "$HAPROXY_PID"
for i in 0 1 2; do wait "${RPID[$i]}" || true; done
wait "$HAPROXY_PID" || true
PIDS=()

# ------------------------------------------------------------------- (b) soak
free_port SP
free_port MP
"$BIN" serve -addr "127.0.0.1:$SP" -metrics-addr "127.0.0.1:$MP" -drain 0s -log-format json 2>"$WORK/soak.log" &
SOAK_PID=$!
PIDS+=("$SOAK_PID")
S=http://127.0.0.1:$SP
wait_code "$S/readyz" 200 60 || { echo "soak replica did not get ready" >&2; exit 1; }
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$SOAK_PID/status"; }
goroutines() { curl -s -m 2 "http://127.0.0.1:$MP/metrics" | awk '$1 == "go_goroutines" { print $2 }'; }
# A few requests first, so that lazily made things exist before the baseline.
for u in / "$ARTICLE" /glossary /no-such-page; do curl -s -o /dev/null "$S$u"; done
sleep 1
idle_g0=$(goroutines)
idle_rss0=$(rss)

# Steady load: 4 URLs × 4 workers, each at most 100 requests/s.
HEYS=()
hey_bg soak-home -z "${SOAK_SECS}s" -c 4 -q 100 -disable-redirects -H "Accept-Encoding: br" "$S/"
hey_bg soak-article -z "${SOAK_SECS}s" -c 4 -q 100 -disable-redirects -H "Accept-Encoding: gzip" "$S$ARTICLE"
hey_bg soak-redirect -z "${SOAK_SECS}s" -c 4 -q 100 -disable-redirects -disable-compression "$S/glossary/"
hey_bg soak-404 -z "${SOAK_SECS}s" -c 4 -q 100 -disable-redirects -disable-compression "$S/no-such-page"
soak_start=$SECONDS
printf 'seconds\trss_kib\tgoroutines\n' >"$WORK/soak.tsv"
# Sample only while the load surely runs: the last sample ends 2s before it stops.
while [ $((SECONDS - soak_start + SAMPLE_EVERY)) -le $((SOAK_SECS - 2)) ]; do
  sleep "$SAMPLE_EVERY"
  printf '%s\t%s\t%s\n' $((SECONDS - soak_start)) "$(rss)" "$(goroutines)" >>"$WORK/soak.tsv"
done
for entry in "${HEYS[@]}"; do wait "${entry#*:}" || true; done
sleep 3
idle_g1=$(goroutines)

# warm: the first sample at or after SOAK_WARM; final: the last sample under load.
read -r warm_t warm_rss warm_g < <(awk -v w="$SOAK_WARM" 'NR > 1 && $1 >= w { print; exit }' "$WORK/soak.tsv")
read -r final_t final_rss final_g < <(tail -1 "$WORK/soak.tsv")
max_rss=$(awk 'NR > 1 && $2 > m { m = $2 } END { print m }' "$WORK/soak.tsv")
samples=$(($(wc -l <"$WORK/soak.tsv") - 1))
soak_ok=0 soak_bad=0 soak_err=0
for entry in "${HEYS[@]}"; do
  name=${entry%%:*}
  read -r ok bad errors p99 <<<"$(hey_result "$WORK/hey-$name.txt")"
  if [ "$name" = soak-404 ]; then # 404 is this URL's right answer
    n404=$(grep -Eo '\[404\][[:space:]]+[0-9]+' "$WORK/hey-$name.txt" | awk '{print $2}')
    bad=$((bad - ${n404:-0}))
    ok=$((ok + ${n404:-0}))
  fi
  soak_ok=$((soak_ok + ok))
  soak_bad=$((soak_bad + bad))
  soak_err=$((soak_err + errors))
done

check soak "requests answered as expected" "$soak_ok in ${SOAK_SECS}s" "soak_ok > 0"
check soak "failed requests" "$soak_bad status, $soak_err errors" "soak_bad == 0 && soak_err == 0"
check soak "RSS flat: final <= 1.2 x after warm-up" "${warm_rss} -> ${final_rss} KiB (${warm_t}s -> ${final_t}s; max $max_rss)" "final_rss * 10 <= warm_rss * 12"
check soak "goroutines flat: final <= after warm-up + 10" "$warm_g -> $final_g ($samples samples)" "final_g <= warm_g + 10"
check soak "goroutines back to idle after the load" "idle $idle_g0 -> $idle_g1" "idle_g1 <= idle_g0 + 10"
row soak "RSS before the load" "${idle_rss0} KiB" PASS

# ------------------------------------------------------------ (c) search storm
# On the soak replica, once its search index is in. A normal client (2
# connections, 50 requests/s each, a tier page) runs alone, then beside ordinary
# search use (32 clients, 4 common queries, as fast as they can), then beside a
# hostile storm (8 clients, long misspelled queries, every one different).
wait_code "$S/search?q=bone" 200 60 || { echo "the soak replica's search did not get ready" >&2; exit 1; }
normal_bg() { hey_bg "$1" -z "${STORM_SECS}s" -c 2 -q 50 -disable-redirects -H "Accept-Encoding: br" "$S$ARTICLE"; }
normal_row() { # phase, name, during
  local ok bad errors p99
  read -r ok bad errors p99 <<<"$(hey_result "$WORK/hey-$2.txt")"
  check "$1" "normal client $3: failed, p99" "$((bad + errors)) of $((ok + bad + errors)), p99 ${p99}s" "bad + errors == 0 && ok > 0"
}
HEYS=()
normal_bg normal-alone
for entry in "${HEYS[@]}"; do wait "${entry#*:}" || true; done
normal_row search normal-alone "alone"

HEYS=()
normal_bg normal-search
for q in bone osteoclast BMD exercise; do
  hey_bg "search-$q" -z "${STORM_SECS}s" -c 8 -disable-redirects "$S/search?q=$q"
done
for entry in "${HEYS[@]}"; do wait "${entry#*:}" || true; done
normal_row search normal-search "beside 32 searching clients"
s_total=0 s_503=0 s_bad=0 s_err=0
for q in bone osteoclast BMD exercise; do
  read -r ok bad errors p99 <<<"$(hey_result "$WORK/hey-search-$q.txt")"
  n503=$(grep -Eo '\[503\][[:space:]]+[0-9]+' "$WORK/hey-search-$q.txt" | awk '{print $2}' || true)
  s_total=$((s_total + ok + bad + errors))
  s_503=$((s_503 + ${n503:-0}))
  s_bad=$((s_bad + bad - ${n503:-0}))
  s_err=$((s_err + errors))
done
check search "503s for ordinary search use (32 clients)" "$s_503 of $s_total" "s_total > 0 && s_503 == 0 && s_bad == 0 && s_err == 0"

HEYS=()
normal_bg normal-storm
"$BENCH" attack search -url "$S" -c 8 -d "${STORM_SECS}s" >"$WORK/attack-search.txt" 2>&1 || true
for entry in "${HEYS[@]}"; do wait "${entry#*:}" || true; done
normal_row search normal-storm "during a storm of 8 fuzzy searchers"
storm=$(cat "$WORK/attack-search.txt")
check search "storm: answered 200 or 503, never an error" "${storm#search attack: }" "$(grep -c ', errors: 0;' "$WORK/attack-search.txt") == 1"

# ------------------------------------------------------- (d) connection flood
# Two processes hold FLOOD_CONNS connections each: a request, then idle (one the
# server closes is opened again a second later). Pass: the normal client gets
# every answer, the server never holds more descriptors than its -max-conns
# allows, never fails to accept, and its goroutines come back after.
max_conns=$(grep -o '"max_conns":[0-9]*' "$WORK/soak.log" | head -1 | cut -d: -f2 || true)
flood_g0=$(goroutines)
HEYS=()
ATTACKS=()
for i in 1 2; do
  "$BENCH" attack flood -url "$S" -n "$FLOOD_CONNS" -d "$((FLOOD_SECS + 30))s" >"$WORK/attack-flood$i.txt" 2>&1 &
  ATTACKS+=("$!")
  PIDS+=("$!")
done
# The client comes once the server holds half its limit (or after 10 s).
open_fds() { find "/proc/$SOAK_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
deadline=$((SECONDS + 10))
while (($(open_fds) < ${max_conns:-0} / 2)) && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
say "flood: the server holds $(open_fds) open files"
normal_bg normal-flood
max_fds=0
for _ in $(seq "$FLOOD_SECS"); do
  sleep 1
  fds=$(open_fds)
  ((fds > max_fds)) && max_fds=$fds
done
for entry in "${HEYS[@]}"; do wait "${entry#*:}" || true; done
for pid in "${ATTACKS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
for pid in "${ATTACKS[@]}"; do wait "$pid" || true; done
normal_row flood normal-flood "while $((2 * FLOOD_CONNS)) connections are held"
flood_peak=$(awk '{ s += $5 } END { print s }' "$WORK"/attack-flood*.txt 2>/dev/null)
row flood "attackers: connections open at most (both)" "${flood_peak:-?} of $((2 * FLOOD_CONNS))" PASS
check flood "server's open files at most -max-conns + 64" "$max_fds (max_conns ${max_conns:-?})" "max_fds > 0 && max_fds <= ${max_conns:-0} + 64"
accept_errs=$(grep -c 'too many open files' "$WORK/soak.log" || true)
check flood "accept errors (too many open files)" "$accept_errs" "accept_errs == 0"
deadline=$((SECONDS + 15))
until flood_g1=$(goroutines) && [ -n "$flood_g1" ] && ((flood_g1 <= flood_g0 + 10)) || [ $SECONDS -ge $deadline ]; do sleep 0.5; done
check flood "goroutines back after the flood" "$flood_g0 -> $flood_g1" "flood_g1 <= flood_g0 + 10"

# ------------------------------------------------------------------ (e) CL+TE
# A request with both Content-Length and Transfer-Encoding, and a request hidden
# after it: one 400, then the server closes the connection (RFC 9112 6.3).
HEYS=()
normal_bg normal-clte
clte_ok=0
for _ in $(seq "$CLTE_N"); do
  if exec 3<>"/dev/tcp/127.0.0.1/$SP"; then
    # Not the shell's printf: if the server closes first, SIGPIPE ends only env.
    env printf 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /glossary HTTP/1.1\r\nHost: x\r\n\r\n' >&3 2>/dev/null || true
    rc=0
    timeout 5 cat <&3 >"$WORK/clte.txt" || rc=$?
    exec 3<&-
    if [ $rc -eq 0 ] && [ "$(grep -c '^HTTP/1.1 ' "$WORK/clte.txt")" = 1 ] && [[ $(head -1 "$WORK/clte.txt") == "HTTP/1.1 400"* ]]; then
      clte_ok=$((clte_ok + 1))
    fi
  fi
done
for entry in "${HEYS[@]}"; do wait "${entry#*:}" || true; done
check clte "CL+TE: 400 and the connection closed, nothing smuggled" "$clte_ok of $CLTE_N" "clte_ok == CLTE_N"
normal_row clte normal-clte "during the CL+TE requests"

# ---------------------------------------------------------------------- table
echo
printf '%-9s %-52s %-30s %s\n' phase check value result
printf '%s\n' "${ROWS[@]}"
echo
echo "soak samples (seconds, RSS KiB, goroutines):"
column -t "$WORK/soak.tsv" 2>/dev/null | sed 's/^/  /' || sed 's/^/  /' "$WORK/soak.tsv"
echo
echo "reliability ($MODE): $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
