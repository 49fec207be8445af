#!/usr/bin/env bash
# lab.sh - a real 3-node Patroni cluster (etcd + Patroni + PostgreSQL 15) on 127.0.0.1.
#
# Used by `npm run lab -- <command>` and by the integration tests (`bash scripts/lab.sh <command>`).
# Everything listens on 127.0.0.1 only. See docs/LAB.md.
#
# Commands:
#   up                    install packages if missing, start etcd + node1..node3, wait until healthy,
#                         print "nodeN <REST URL>" lines (exit 0 at once if already up and healthy)
#   down [--purge]        stop replicas (in parallel), then the leader, then etcd; --purge also
#                         removes LAB_DIR.   destroy = down --purge
#   status                /cluster of the first node that answers as JSON on stdout, process
#                         states on stderr; exit 1 if no node answers
#   urls                  the REST base URLs, one per line
#   leader                the current leader's name
#   wait-healthy [secs]   wait (default 120 s) until 1 leader running + 2 replicas running/streaming
#                         on its timeline with lag <= LAB_MAX_LAG + a sync_standby, and every
#                         node's own API says running (the condition `up` waits for)
#   kill nodeN            hard crash: SIGKILL Patroni, the postmaster and all its children
#   stop nodeN            graceful: SIGTERM Patroni and wait for it to exit; Patroni stops
#                         PostgreSQL itself (in maintenance mode it leaves it running, as real
#                         Patroni does; an orphan left by a stop mid-demote is stopped)
#   start nodeN           start Patroni again; returns once its REST API answers
#   switchover [nodeN]    POST /switchover leader=current, candidate=nodeN or the sync_standby;
#                         prints HTTP status + body; waits for the new leader to run
#   pause | resume        PATCH /config {"pause":true} / {"pause":null}; waits for /cluster to agree
#   stall nodeN           SIGSTOP the walreceiver of nodeN's PostgreSQL (replication lag grows)
#   unstall nodeN         SIGCONT it
#   write [MB]            write about MB megabytes (default 10) of WAL on the leader
#
# Environment (all optional; values given to `up` are saved in $LAB_DIR/lab.env and reused by
# later commands on the same LAB_DIR when the variable is not set):
#   LAB_DIR            work dir (default ${TMPDIR:-/tmp}/patroni-lab); owned by postgres
#   LAB_SCOPE          Patroni scope / cluster name (default demo)
#   LAB_NODES          fixed at 3 (node1..node3); any other value is refused
#   LAB_REST_PORT      base REST port (default 8008: node1 8008, node2 8009, node3 8010)
#   LAB_PG_PORT        base PostgreSQL port (default 5433: 5433..5435)
#   LAB_ETCD_PORT      etcd client port (default 2479); peer port = +1
#   LAB_TLS=1          REST API over https, self-signed CA in $LAB_DIR/tls/{ca.crt,server.crt,server.key}
#   LAB_AUTH=user:pw   restapi.authentication (basic auth; guards unsafe methods only)
#   LAB_TTL (20)  LAB_LOOP_WAIT (2)  LAB_RETRY_TIMEOUT (5)  LAB_MAX_LAG (1048576, maximum_lag_on_failover)
#
# Exit status: 0 on success, non-zero with a message on stderr otherwise. Every wait has a timeout.

set -Eeuo pipefail
umask 022

PROG=lab.sh
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HELPER="$SCRIPT_DIR/lab/labhttp.py"
PY=/usr/bin/python3 # NOTE: never the PATH python3 (may be a pyenv one without Debian's modules)
PATRONI=/usr/bin/patroni
ETCD=/usr/bin/etcd
ETCDCTL=/usr/bin/etcdctl
PG_BIN=/usr/lib/postgresql/15/bin
NODES=(node1 node2 node3)
SAFE_PATH=/usr/bin:/bin

# Timeouts (seconds)
T_ETCD_UP=30
T_BOOTSTRAP=90
T_HEALTHY=120
T_API=60
T_PATRONI_STOP=60
T_PG_STOP=20
T_ETCD_STOP=15
T_SWITCH_WAIT=60
T_PAUSE_WAIT=30

SETTINGS=(LAB_SCOPE LAB_REST_PORT LAB_PG_PORT LAB_ETCD_PORT LAB_TLS LAB_AUTH
  LAB_TTL LAB_LOOP_WAIT LAB_RETRY_TIMEOUT LAB_MAX_LAG)

# ---------------------------------------------------------------------------------------------
# small utilities

die() {
  echo "$PROG: error: $*" >&2
  exit 1
}
info() { echo "$PROG: $*" >&2; }
now_ms() { date +%s%3N; }
since() { # since START_MS -> "1.23s"
  local d=$(($(now_ms) - $1))
  printf '%d.%02ds' $((d / 1000)) $((d % 1000 / 10))
}

yaml_str() { # single-quoted YAML scalar
  local s=${1//\'/\'\'}
  printf "'%s'" "$s"
}

json_str() { # JSON string literal for simple values (node names)
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# ---------------------------------------------------------------------------------------------
# settings: env > $LAB_DIR/lab.env (saved by `up`) > defaults

LAB_DIR=${LAB_DIR:-${TMPDIR:-/tmp}/patroni-lab}
LAB_DIR=${LAB_DIR%/}
[[ $LAB_DIR == /* ]] || LAB_DIR="$PWD/$LAB_DIR"
SETTINGS_FILE="$LAB_DIR/lab.env"

# `up` declares the lab: it uses env/defaults only (and refuses to contradict a running lab).
# Every other command reuses what `up` saved unless the variable is set.
COMMAND=${1:-}
declare -A EXPLICIT=() SAVED=()
for k in "${SETTINGS[@]}"; do
  if [[ -n ${!k+x} || $COMMAND == up ]]; then EXPLICIT[$k]=1; fi
done
if [[ -r $SETTINGS_FILE ]]; then
  while IFS= read -r line || [[ -n $line ]]; do
    k=${line%%=*}
    v=${line#*=}
    for s in "${SETTINGS[@]}"; do
      if [[ $k == "$s" ]]; then
        SAVED[$k]=$v
        if [[ -z ${EXPLICIT[$k]:-} ]]; then printf -v "$k" '%s' "$v"; fi
      fi
    done
  done <"$SETTINGS_FILE"
fi

LAB_SCOPE=${LAB_SCOPE:-demo}
LAB_REST_PORT=${LAB_REST_PORT:-8008}
LAB_PG_PORT=${LAB_PG_PORT:-5433}
LAB_ETCD_PORT=${LAB_ETCD_PORT:-2479}
LAB_TLS=${LAB_TLS:-0}
LAB_AUTH=${LAB_AUTH:-}
LAB_TTL=${LAB_TTL:-20}
LAB_LOOP_WAIT=${LAB_LOOP_WAIT:-2}
LAB_RETRY_TIMEOUT=${LAB_RETRY_TIMEOUT:-5}
LAB_MAX_LAG=${LAB_MAX_LAG:-1048576}
case ${LAB_TLS,,} in
1 | true | yes | on) LAB_TLS=1 ;;
0 | false | no | off | '') LAB_TLS=0 ;;
*) die "LAB_TLS must be 1 or 0 (got '$LAB_TLS')" ;;
esac
for k in LAB_REST_PORT LAB_PG_PORT LAB_ETCD_PORT LAB_TTL LAB_LOOP_WAIT LAB_RETRY_TIMEOUT LAB_MAX_LAG; do
  [[ ${!k} =~ ^[0-9]{1,9}$ ]] || die "$k must be a number (got '${!k}')"
done

validate_settings() {
  local k p
  if [[ -n ${LAB_NODES:-} && $LAB_NODES != 3 ]]; then
    die "LAB_NODES is fixed at 3 (got '$LAB_NODES')"
  fi
  [[ $LAB_SCOPE =~ ^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$ ]] || die "LAB_SCOPE must match [A-Za-z0-9_-]+ (got '$LAB_SCOPE')"
  for k in LAB_REST_PORT LAB_PG_PORT LAB_ETCD_PORT; do
    ((${!k} >= 1024 && ${!k} <= 65533)) || die "$k must be between 1024 and 65533 (got ${!k})"
  done
  if [[ -n $LAB_AUTH ]]; then
    [[ $LAB_AUTH == ?*:?* ]] || die "LAB_AUTH must be user:password"
    [[ $LAB_AUTH != *$'\n'* ]] || die "LAB_AUTH must be one line"
  fi
  # every port used must be distinct
  local -A seen=()
  for p in "${ALL_PORTS[@]}"; do
    [[ -z ${seen[$p]:-} ]] || die "port $p is used twice (check LAB_REST_PORT, LAB_PG_PORT, LAB_ETCD_PORT)"
    seen[$p]=1
  done
  # unix socket path limit (sun_path is 108 bytes)
  local sock="$LAB_DIR/sock/.s.PGSQL.$((LAB_PG_PORT + 2)).lock"
  ((${#sock} < 100)) || die "LAB_DIR is too long for unix socket paths ($sock is ${#sock} chars; keep it under 100)"
  [[ $LAB_DIR != *[[:space:]\'\"\\]* ]] || die "LAB_DIR must not contain spaces, quotes or backslashes"
}

ETCD_PEER_PORT=$((LAB_ETCD_PORT + 1))
ETCD_URL="http://127.0.0.1:$LAB_ETCD_PORT"
SCHEME=http
if ((LAB_TLS)); then SCHEME=https; fi
TLS_DIR="$LAB_DIR/tls"
CA_FILE=""
if ((LAB_TLS)); then CA_FILE="$TLS_DIR/ca.crt"; fi
ALL_PORTS=("$LAB_ETCD_PORT" "$ETCD_PEER_PORT")
URLS=()
for i in 0 1 2; do
  URLS+=("$SCHEME://127.0.0.1:$((LAB_REST_PORT + i))")
  ALL_PORTS+=("$((LAB_REST_PORT + i))" "$((LAB_PG_PORT + i))")
done

node_index() { # nodeN -> 0-based index, or die
  case ${1:-} in
  node1) echo 0 ;;
  node2) echo 1 ;;
  node3) echo 2 ;;
  *) die "expected a node name node1|node2|node3 (got '${1:-}')" ;;
  esac
}
node_url() { echo "${URLS[$(node_index "$1")]}"; }
node_pg_port() { echo $((LAB_PG_PORT + $(node_index "$1"))); }
node_data() { echo "$LAB_DIR/$1/data"; }
node_conf() { echo "$LAB_DIR/conf/$1.yml"; }

# ---------------------------------------------------------------------------------------------
# running as postgres (PostgreSQL refuses root) with a clean environment

RUN_AS=()
RUN_USER=$(id -un)
if ((EUID == 0)); then
  RUN_AS=(runuser -u postgres --)
  RUN_USER=postgres
fi

as_user() { # run a command as the lab user with a clean environment
  "${RUN_AS[@]}" env -i PATH="$SAFE_PATH" HOME="$LAB_DIR" "$@"
}

helper() { # the HTTP/JSON helper, with CA and credentials
  LAB_CA_FILE="$CA_FILE" LAB_AUTH="$LAB_AUTH" LAB_NODES_N=3 LAB_MAX_LAG="$LAB_MAX_LAG" \
    "$PY" -I "$HELPER" "$@"
}

# ---------------------------------------------------------------------------------------------
# processes: recorded PIDs only, never names

proc_state() { # PID -> one-letter state, fails if no such process
  local line
  [[ ${1:-} =~ ^[0-9]+$ ]] || return 1
  read -r line 2>/dev/null <"/proc/$1/stat" || return 1
  line=${line##*) }
  echo "${line%% *}"
}

proc_field() { # PID N -> Nth field after the comm (1 = state, 2 = ppid, 3 = pgrp)
  local line
  read -r line 2>/dev/null <"/proc/$1/stat" || return 1
  line=${line##*) }
  local -a fields
  read -r -a fields <<<"$line"
  echo "${fields[$(($2 - 1))]}"
}

proc_cmdline() {
  local cmd
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  echo "$cmd"
}

alive() { # PID [SUBSTRING of its command line]: process exists, is not a zombie, looks right
  local st
  st=$(proc_state "$1") || return 1
  [[ $st != Z && $st != X ]] || return 1
  if [[ -n ${2:-} ]]; then
    [[ $(proc_cmdline "$1") == *"$2"* ]] || return 1
  fi
}

children_of() { # PID -> direct children PIDs
  local s line pid
  for s in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$s" || continue
    line=${line##*) }
    read -r _ pid _ <<<"$line"
    if [[ $pid == "$1" ]]; then
      pid=${s#/proc/}
      echo "${pid%/stat}"
    fi
  done
}

wait_gone() { # PID SECS
  local end=$(($(date +%s) + $2))
  while alive "$1"; do
    (($(date +%s) < end)) || return 1
    sleep 0.2
  done
}

pidfile_pid() { # NAME IDENTITY -> PID recorded in run/NAME.pid when that process is alive
  local f="$LAB_DIR/run/$1.pid" pid
  [[ -r $f ]] || return 1
  read -r pid <"$f" || return 1
  alive "$pid" "$2" || return 1
  echo "$pid"
}

etcd_pid() { pidfile_pid etcd "$LAB_DIR/etcd"; }
patroni_pid() { pidfile_pid "$1" "$(node_conf "$1")"; }
postmaster_pid() { # nodeN -> the postmaster PID from <datadir>/postmaster.pid, if it runs
  local data pid
  data=$(node_data "$1")
  [[ -r $data/postmaster.pid ]] || return 1
  read -r pid <"$data/postmaster.pid" || return 1
  alive "$pid" "$data" || return 1
  echo "$pid"
}

walreceivers_of() { # nodeN -> PIDs of walreceiver processes among the postmaster's children
  local pm c title
  pm=$(postmaster_pid "$1") || return 0
  for c in $(children_of "$pm"); do
    title=$(proc_cmdline "$c") || continue
    if [[ $title == *walreceiver* ]]; then echo "$c"; fi
  done
}

spawn() { # spawn NAME CMD... : detached (setsid), stdin /dev/null, log + pid file in LAB_DIR
  local name=$1 pid="" i
  shift
  local pidfile="$LAB_DIR/run/$name.pid" log="$LAB_DIR/logs/$name.log"
  rm -f "$pidfile"
  printf '==== %s lab.sh: starting %s\n' "$(date -Is)" "$name" >>"$log"
  if ((EUID == 0)); then chown "$RUN_USER:" "$log"; fi
  # The inner sh writes its own PID and execs the program: the PID file holds the real PID
  # (runuser stays as a parent). fd 9 (our lock) must not leak into the daemons.
  # shellcheck disable=SC2016
  setsid "${RUN_AS[@]}" env -i PATH="$SAFE_PATH" HOME="$LAB_DIR" \
    /bin/sh -c 'echo $$ >"$0" && exec "$@"' "$pidfile" "$@" </dev/null >>"$log" 2>&1 9>&- &
  for ((i = 0; i < 50; i++)); do
    if [[ -s $pidfile ]] && read -r pid <"$pidfile" && [[ -n $pid ]]; then break; fi
    sleep 0.1
  done
  [[ -n $pid ]] || die "$name did not start (no PID file); see $log"
  sleep 0.2
  alive "$pid" || die "$name exited at once; last lines of $log:$(echo && tail -n 20 "$log")"
}

kill_group_of() { # PID SIGNAL: signal the process group of a daemon we spawned (never our own)
  local pg mine
  pg=$(proc_field "$1" 3) || return 0
  mine=$(proc_field $$ 3) || mine=""
  if [[ $pg =~ ^[0-9]+$ ]] && ((pg > 1)) && [[ $pg != "$mine" ]]; then
    kill "-$2" -- "-$pg" 2>/dev/null || true
  else
    kill "-$2" "$1" 2>/dev/null || true
  fi
}

# ---------------------------------------------------------------------------------------------
# lab directory, settings, packages

lab_exists() { [[ -f $LAB_DIR/.patroni-lab ]]; }
require_lab() { lab_exists || die "no lab in $LAB_DIR (run: bash scripts/lab.sh up)"; }

anything_running() {
  local n
  etcd_pid >/dev/null && return 0
  for n in "${NODES[@]}"; do
    patroni_pid "$n" >/dev/null && return 0
    postmaster_pid "$n" >/dev/null && return 0
  done
  return 1
}

check_settings_match() { # an explicit env value must not contradict the running lab
  local k
  for k in "${!EXPLICIT[@]}"; do
    if [[ -n ${SAVED[$k]+x} && ${SAVED[$k]} != "${!k}" ]]; then
      if [[ $k == LAB_AUTH ]]; then
        die "the lab in $LAB_DIR runs with another LAB_AUTH; run 'down' first to change it"
      fi
      die "the lab in $LAB_DIR runs with $k=${SAVED[$k]} (this command would use '${!k}'); set $k=${SAVED[$k]} or run 'down' first"
    fi
  done
}

save_settings() {
  local k tmp="$SETTINGS_FILE.tmp"
  (
    umask 077
    for k in "${SETTINGS[@]}"; do printf '%s=%s\n' "$k" "${!k}"; done >"$tmp"
  )
  if ((EUID == 0)); then chown "$RUN_USER:" "$tmp"; fi
  mv -f "$tmp" "$SETTINGS_FILE"
}

ensure_packages() {
  local missing=()
  [[ -x $PATRONI ]] || missing+=(patroni)
  [[ -x $ETCD ]] || missing+=(etcd-server)
  [[ -x $ETCDCTL ]] || missing+=(etcd-client)
  [[ -x $PG_BIN/pg_ctl && -x $PG_BIN/postgres ]] || missing+=(postgresql-15)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  [[ -x $PY ]] || missing+=(python3)
  ((${#missing[@]})) || return 0
  if ((EUID != 0)); then
    die "missing packages: ${missing[*]}; install them as root: apt-get install -y patroni etcd-server etcd-client postgresql-15 openssl"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get to install them"
  info "installing missing packages (${missing[*]}) with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get -o DPkg::Lock::Timeout=120 update -q >&2 || die "apt-get update failed"
  timeout 900 apt-get -o DPkg::Lock::Timeout=120 install -y -q \
    patroni etcd-server etcd-client postgresql-15 openssl >&2 || die "apt-get install failed"
  [[ -x $PATRONI && -x $ETCD && -x $PG_BIN/pg_ctl ]] || die "packages installed but binaries are still missing"
  id postgres >/dev/null 2>&1 || die "user postgres missing after installing postgresql-15"
}

claim_dir() { # refuse foreign dirs, create LAB_DIR and take the lock (before anything else)
  local e
  if [[ -e $LAB_DIR && ! -f $LAB_DIR/.patroni-lab ]]; then
    [[ -d $LAB_DIR ]] || die "$LAB_DIR exists and is not a directory"
    # tolerate our own layout: a concurrent `up` may be creating it right now
    for e in "$LAB_DIR"/* "$LAB_DIR"/.[!.]*; do
      [[ -e $e ]] || continue
      case ${e##*/} in
      conf | run | logs | sock | etcd | node[123] | tls | lab.env | lab.env.tmp | .lock | .patroni-lab) ;;
      *) die "$LAB_DIR exists, is not empty and is not a lab dir; choose another LAB_DIR" ;;
      esac
    done
  fi
  mkdir -p "$LAB_DIR"
  lock_lab
}

prepare_dir() {
  if ((EUID == 0)); then
    id postgres >/dev/null 2>&1 || die "user postgres does not exist"
    install -d -m 755 -o postgres -g postgres "$LAB_DIR" "$LAB_DIR"/{conf,run,logs,sock}
    install -d -m 700 -o postgres -g postgres "$LAB_DIR/etcd" "$LAB_DIR"/node{1,2,3}
  else
    install -d -m 755 "$LAB_DIR" "$LAB_DIR"/{conf,run,logs,sock}
    install -d -m 700 "$LAB_DIR/etcd" "$LAB_DIR"/node{1,2,3}
  fi
  touch "$LAB_DIR/.patroni-lab"
  if ((EUID == 0)); then chown "$RUN_USER:" "$LAB_DIR/.patroni-lab"; fi
  as_user test -w "$LAB_DIR/run" -a -x "$LAB_DIR/run" ||
    die "$RUN_USER cannot write to $LAB_DIR (is a parent directory private? set LAB_DIR, e.g. /tmp/patroni-lab)"
}

make_tls() {
  ((LAB_TLS)) || return 0
  if [[ -s $TLS_DIR/ca.crt && -s $TLS_DIR/server.crt && -s $TLS_DIR/server.key ]]; then return 0; fi
  info "creating a self-signed CA and server certificate in $TLS_DIR"
  install -d -m 755 "$TLS_DIR"
  local ext="$TLS_DIR/server.ext"
  printf '%s\n' \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    "subjectKeyIdentifier=hash" \
    "authorityKeyIdentifier=keyid,issuer" >"$ext"
  {
    openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 3650 \
      -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.crt" -subj "/CN=patroni-lab CA ($LAB_SCOPE)" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" &&
      openssl req -new -nodes -newkey rsa:2048 -sha256 \
        -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.csr" -subj "/CN=localhost" &&
      openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" \
        -CAcreateserial -sha256 -days 825 -extfile "$ext" -out "$TLS_DIR/server.crt"
  } >"$TLS_DIR/openssl.log" 2>&1 || die "openssl failed; see $TLS_DIR/openssl.log"
  rm -f "$TLS_DIR/server.csr" "$ext"
  # Lab only: everything but the CA key is world-readable so non-root clients can use the CA.
  chmod 644 "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt" "$TLS_DIR/server.key"
  chmod 600 "$TLS_DIR/ca.key"
}

write_node_config() { # nodeN
  local n=$1 i rest pg user pass tls="" ctl="" auth=""
  i=$(node_index "$n")
  rest=$((LAB_REST_PORT + i))
  pg=$((LAB_PG_PORT + i))
  if ((LAB_TLS)); then
    tls="  certfile: $TLS_DIR/server.crt
  keyfile: $TLS_DIR/server.key
  cafile: $TLS_DIR/ca.crt
"
    # Patroni calls peers' /patroni during elections: make it verify them against our CA.
    ctl="  insecure: false
  cacert: $TLS_DIR/ca.crt
"
  fi
  if [[ -n $LAB_AUTH ]]; then
    user=${LAB_AUTH%%:*}
    pass=${LAB_AUTH#*:}
    auth="  authentication:
    username: $(yaml_str "$user")
    password: $(yaml_str "$pass")
"
  fi
  local conf tmp
  conf=$(node_conf "$n")
  tmp="$conf.tmp"
  cat >"$tmp" <<EOF
# generated by scripts/lab.sh - rewritten on every 'up'
scope: $LAB_SCOPE
namespace: /service/
name: $n

log:
  level: INFO

restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
${tls}${auth}
ctl:
${ctl}${auth}
etcd3:
  hosts: 127.0.0.1:$LAB_ETCD_PORT

bootstrap:
  dcs:
    ttl: $LAB_TTL
    loop_wait: $LAB_LOOP_WAIT
    retry_timeout: $LAB_RETRY_TIMEOUT
    maximum_lag_on_failover: $LAB_MAX_LAG
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      remove_data_directory_on_rewind_failure: true
      remove_data_directory_on_diverged_timelines: true
      parameters:
        max_connections: 100
        shared_buffers: 32MB
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 128MB
  initdb:
    - encoding: UTF8
    - locale: C

postgresql:
  listen: 127.0.0.1:$pg
  connect_address: 127.0.0.1:$pg
  data_dir: $(node_data "$n")
  bin_dir: $PG_BIN
  pgpass: $LAB_DIR/$n/pgpass
  authentication:
    superuser:
      username: postgres
      password: lab-postgres
    replication:
      username: replicator
      password: lab-replicator
  parameters:
    unix_socket_directories: $LAB_DIR/sock
    max_wal_size: 256MB
    min_wal_size: 64MB
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256

watchdog:
  mode: 'off'

tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
EOF
  chmod 600 "$tmp"
  if ((EUID == 0)); then chown "$RUN_USER:" "$tmp"; fi
  mv -f "$tmp" "$conf"
}

port_busy() { # PORT: something accepts connections on 127.0.0.1:PORT
  # shellcheck disable=SC2016
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

check_ports_free() { # ports of components that are not running must be free
  local p i n busy=()
  if ! etcd_pid >/dev/null; then
    for p in "$LAB_ETCD_PORT" "$ETCD_PEER_PORT"; do port_busy "$p" && busy+=("$p (etcd)"); done
  fi
  for i in 0 1 2; do
    n=${NODES[$i]}
    if ! patroni_pid "$n" >/dev/null; then
      p=$((LAB_REST_PORT + i))
      port_busy "$p" && busy+=("$p ($n REST)")
    fi
    if ! postmaster_pid "$n" >/dev/null && ! patroni_pid "$n" >/dev/null; then
      p=$((LAB_PG_PORT + i))
      port_busy "$p" && busy+=("$p ($n PostgreSQL)")
    fi
  done
  ((${#busy[@]} == 0)) || die "ports already in use by something else: ${busy[*]} (another lab? set LAB_REST_PORT / LAB_PG_PORT / LAB_ETCD_PORT)"
}

# ---------------------------------------------------------------------------------------------
# starting and stopping components

etcd_arch_env() { # etcd 3.4 refuses "unsupported" architectures unless told
  case $(uname -m) in
  x86_64 | amd64 | ppc64le) ;;
  aarch64 | arm64) echo ETCD_UNSUPPORTED_ARCH=arm64 ;;
  *) echo "ETCD_UNSUPPORTED_ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)" ;;
  esac
}

start_etcd() {
  if etcd_pid >/dev/null; then return 0; fi
  local t0 arch
  t0=$(now_ms)
  arch=$(etcd_arch_env)
  local peer="http://127.0.0.1:$ETCD_PEER_PORT"
  spawn etcd /usr/bin/env ${arch:+"$arch"} "$ETCD" --name default --data-dir "$LAB_DIR/etcd" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster "default=$peer" --initial-cluster-token "patroni-lab-$LAB_SCOPE" \
    --initial-cluster-state new --logger zap --log-outputs stderr
  helper wait-get "$T_ETCD_UP" "$ETCD_URL/health" '"health":"true"' 2>/dev/null ||
    die "etcd did not become healthy within ${T_ETCD_UP}s; see $LAB_DIR/logs/etcd.log"
  info "etcd up on $ETCD_URL ($(since "$t0"))"
}

stop_etcd() {
  local pid
  pid=$(etcd_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$T_ETCD_STOP"; then
    info "etcd did not stop in ${T_ETCD_STOP}s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 5 || true
  fi
}

start_node() { # nodeN (no wait)
  local n=$1
  if patroni_pid "$n" >/dev/null; then return 0; fi
  spawn "$n" "$PATRONI" "$(node_conf "$n")"
}

continue_walreceivers() { # a SIGSTOPped walreceiver would block PostgreSQL's shutdown
  local n=$1 p
  for p in $(walreceivers_of "$n"); do kill -CONT "$p" 2>/dev/null || true; done
  rm -f "$LAB_DIR/run/$n.stalled"
}

stop_postmaster() { # nodeN: fast shutdown by PID, then SIGKILL the postmaster and its children
  local n=$1 pm kids
  pm=$(postmaster_pid "$n") || return 0
  info "$n: PostgreSQL (pid $pm) still running; fast shutdown"
  continue_walreceivers "$n"
  kill -INT "$pm" 2>/dev/null || true
  if ! wait_gone "$pm" "$T_PG_STOP"; then
    info "$n: PostgreSQL did not stop in ${T_PG_STOP}s; SIGKILL"
    kids=$(children_of "$pm")
    # shellcheck disable=SC2086
    kill -KILL "$pm" $kids 2>/dev/null || true
    wait_gone "$pm" 5 || true
  fi
}

stop_node() { # nodeN: graceful SIGTERM to Patroni, SIGKILL after a timeout
  local n=$1 pid
  continue_walreceivers "$n"
  pid=$(patroni_pid "$n") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$T_PATRONI_STOP"; then
    info "$n: Patroni (pid $pid) did not stop in ${T_PATRONI_STOP}s; SIGKILL"
    kill_group_of "$pid" KILL
    wait_gone "$pid" 5 || true
  fi
}

hard_kill_node() { # nodeN: SIGKILL Patroni (and its helpers), the postmaster and all its children
  local n=$1 pid pm kids="" victims=()
  pid=$(patroni_pid "$n") && victims+=("patroni $pid")
  pm=$(postmaster_pid "$n") && victims+=("postmaster $pm")
  if [[ -n $pid ]]; then kill_group_of "$pid" KILL; fi
  if [[ -n $pm ]]; then
    kids=$(children_of "$pm")
    # shellcheck disable=SC2086
    kill -KILL "$pm" $kids 2>/dev/null || true
  fi
  rm -f "$LAB_DIR/run/$n.stalled"
  if [[ -n $pid ]]; then wait_gone "$pid" 5 || die "$n: Patroni $pid survived SIGKILL"; fi
  if [[ -n $pm ]]; then wait_gone "$pm" 5 || die "$n: postmaster $pm survived SIGKILL"; fi
  if ((${#victims[@]} == 0)); then
    info "$n: nothing was running"
  else
    info "$n: killed ${victims[*]}${kids:+ + $(echo "$kids" | wc -w) postgres children}"
  fi
}

has_data() { [[ -f $(node_data "$1")/PG_VERSION ]]; }

# ---------------------------------------------------------------------------------------------
# commands

print_node_urls() {
  local i
  for i in 0 1 2; do echo "${NODES[$i]} ${URLS[$i]}"; done
}

lock_lab() { # serialize up/down on one LAB_DIR (fd 9 is closed in every daemon we spawn)
  exec 9>>"$LAB_DIR/.lock"
  if ((EUID == 0)); then chown "$RUN_USER:" "$LAB_DIR/.lock" 2>/dev/null || true; fi
  flock -w 300 9 || die "another lab.sh up/down holds $LAB_DIR/.lock for more than 300s"
}

all_processes_up() {
  local n
  etcd_pid >/dev/null || return 1
  for n in "${NODES[@]}"; do patroni_pid "$n" >/dev/null || return 1; done
}

cmd_up() {
  local t0 n fresh=1
  t0=$(now_ms)
  if lab_exists && anything_running; then check_settings_match; fi
  ensure_packages
  claim_dir
  prepare_dir
  if all_processes_up && helper healthy "${URLS[@]}" 2>/dev/null; then
    info "lab already up and healthy ($LAB_DIR)"
    print_node_urls
    return 0
  fi
  anything_running || save_settings
  check_ports_free
  make_tls
  for n in "${NODES[@]}"; do write_node_config "$n"; done
  for n in "${NODES[@]}"; do has_data "$n" && fresh=0; done

  if ((fresh)) && ! etcd_pid >/dev/null; then
    # no PostgreSQL data anywhere: start with an empty DCS too (a stale initialize key would
    # make node1 wait for a leader forever)
    find "$LAB_DIR/etcd" -mindepth 1 -delete
  fi
  start_etcd
  if ((fresh)); then
    env -i PATH="$SAFE_PATH" ETCDCTL_API=3 timeout 10 "$ETCDCTL" --endpoints="$ETCD_URL" \
      del --prefix "/service/$LAB_SCOPE/" >/dev/null 2>&1 || true
    info "bootstrapping node1 (initdb) ..."
    start_node node1
    helper wait-role "$T_BOOTSTRAP" "${URLS[0]}" master primary ||
      die "node1 did not become leader within ${T_BOOTSTRAP}s; see $LAB_DIR/logs/node1.log"
    info "node1 is leader ($(since "$t0")); starting node2 and node3 (pg_basebackup)"
    start_node node2
    start_node node3
  else
    info "reusing existing data in $LAB_DIR"
    for n in "${NODES[@]}"; do start_node "$n"; done
  fi
  # A lab stopped while paused stays paused in the DCS, and a paused Patroni never starts a
  # stopped PostgreSQL: leave maintenance mode so that `up` can finish.
  local prc=0
  helper paused "$T_API" "${URLS[@]}" || prc=$?
  if ((prc == 0)); then
    info "the cluster is in maintenance mode (paused); resuming it so PostgreSQL gets started"
    patch_config '{"pause": null}' >/dev/null
  fi
  if ! helper wait-healthy "$T_HEALTHY" "${URLS[@]}"; then
    for n in etcd "${NODES[@]}"; do
      echo "---- last lines of $LAB_DIR/logs/$n.log" >&2
      tail -n 8 "$LAB_DIR/logs/$n.log" >&2 2>/dev/null || true
    done
    die "cluster not healthy within ${T_HEALTHY}s"
  fi
  info "lab up in $(since "$t0") ($LAB_DIR)"
  print_node_urls
}

cmd_down() {
  local purge=0 a leader="" n pids=() t0
  for a in "$@"; do
    case $a in
    --purge) purge=1 ;;
    *) die "down: unknown argument '$a' (expected --purge)" ;;
    esac
  done
  t0=$(now_ms)
  if ! lab_exists; then
    if [[ -e $LAB_DIR ]] && ((purge)); then die "$LAB_DIR is not a lab dir; not removing it"; fi
    info "no lab in $LAB_DIR; nothing to stop"
    return 0
  fi
  lock_lab
  for n in "${NODES[@]}"; do
    if patroni_pid "$n" >/dev/null; then
      leader=$(helper leader "${URLS[@]}" 2>/dev/null) || leader=""
      break
    fi
  done
  # replicas first, in parallel, so that stopping causes no failover; then the leader
  for n in "${NODES[@]}"; do
    if [[ $n != "$leader" ]]; then
      stop_node "$n" &
      pids+=($!)
    fi
  done
  if ((${#pids[@]})); then wait "${pids[@]}" || true; fi
  if [[ -n $leader ]]; then stop_node "$leader"; fi
  for n in "${NODES[@]}"; do stop_postmaster "$n"; done
  stop_etcd
  anything_running && die "some lab processes are still running; see 'status'"
  rm -f "$LAB_DIR"/run/*.pid "$LAB_DIR"/run/*.stalled
  info "lab stopped ($(since "$t0"))"
  if ((purge)); then
    [[ -f $LAB_DIR/.patroni-lab && $LAB_DIR != / ]] || die "refusing to remove $LAB_DIR"
    rm -rf -- "$LAB_DIR"
    info "removed $LAB_DIR"
  fi
}

cmd_status() {
  local n pid pm st line rc=0
  if ! lab_exists; then
    info "no lab in $LAB_DIR"
    return 1
  fi
  {
    if pid=$(etcd_pid); then echo "etcd   running (pid $pid) $ETCD_URL"; else echo "etcd   not running"; fi
    for n in "${NODES[@]}"; do
      line="$n  $(node_url "$n")  patroni "
      if pid=$(patroni_pid "$n"); then line+="running (pid $pid)"; else line+="not running"; fi
      line+=", postgres "
      if pm=$(postmaster_pid "$n"); then
        st=$(proc_state "$pm")
        line+="running (pid $pm, port $(node_pg_port "$n"))"
        [[ $st == T ]] && line+=" STOPPED"
      else
        line+="not running"
      fi
      pid=$(walreceivers_of "$n" | head -n 1)
      if [[ -n $pid && $(proc_state "$pid") == T ]]; then line+=", walreceiver $pid STALLED"; fi
      echo "$line"
    done
  } >&2
  helper cluster "${URLS[@]}" || rc=1
  return $rc
}

cmd_urls() {
  printf '%s\n' "${URLS[@]}"
}

cmd_leader() {
  helper leader "${URLS[@]}"
}

cmd_wait_healthy() {
  local secs=${1:-$T_HEALTHY} t0
  [[ $secs =~ ^[0-9]+$ ]] || die "wait-healthy: timeout must be a number of seconds"
  require_lab
  t0=$(now_ms)
  helper wait-healthy "$secs" "${URLS[@]}" || die "cluster not healthy within ${secs}s"
  info "healthy after $(since "$t0")"
}

cmd_kill() {
  local n=${1:-}
  node_index "$n" >/dev/null
  require_lab
  hard_kill_node "$n"
}

cmd_stop() {
  local n=${1:-} t0 pm
  node_index "$n" >/dev/null
  require_lab
  t0=$(now_ms)
  if ! patroni_pid "$n" >/dev/null; then
    if postmaster_pid "$n" >/dev/null; then
      info "$n: Patroni is not running but PostgreSQL is; stopping it"
      stop_postmaster "$n"
    else
      info "$n: Patroni is not running"
    fi
    return 0
  fi
  stop_node "$n"
  sleep 0.5 # NOTE: a Patroni stopped mid-demote can have just spawned a postmaster
  if pm=$(postmaster_pid "$n"); then
    if helper paused 5 "${URLS[@]}" 2>/dev/null; then
      # the real maintenance-mode behaviour: Patroni leaves PostgreSQL alone
      info "$n: Patroni stopped ($(since "$t0")); PostgreSQL (pid $pm) left running (cluster paused)"
      return 0
    fi
    # Patroni 3.0.2 stopped during a switchover's demote leaves an orphan PostgreSQL behind.
    info "$n: Patroni stopped but left PostgreSQL (pid $pm) running; stopping it"
    stop_postmaster "$n"
  fi
  info "$n: Patroni and PostgreSQL stopped ($(since "$t0"))"
}

cmd_start() {
  local n=${1:-} t0
  node_index "$n" >/dev/null
  require_lab
  [[ -f $(node_conf "$n") ]] || die "no config for $n; run 'up' first"
  check_settings_match
  t0=$(now_ms)
  start_etcd
  if patroni_pid "$n" >/dev/null; then
    info "$n: Patroni already running"
  else
    start_node "$n"
  fi
  helper wait-api "$T_API" "$(node_url "$n")" ||
    die "$n: REST API did not answer within ${T_API}s; see $LAB_DIR/logs/$n.log"
  info "$n: REST API answers ($(since "$t0"))"
}

cmd_switchover() {
  local cand=${1:-} leader t0 out rc=0 body
  require_lab
  leader=$(helper leader "${URLS[@]}") || die "no current leader"
  if [[ -z $cand ]]; then
    cand=$(helper sync "${URLS[@]}") || die "no sync_standby to switch over to (name a candidate)"
  fi
  node_index "$cand" >/dev/null
  body="{\"leader\":$(json_str "$leader"),\"candidate\":$(json_str "$cand")}"
  info "switchover $leader -> $cand"
  t0=$(now_ms)
  out=$(helper request POST "$(node_url "$leader")/switchover" "$body") || rc=$?
  [[ -z $out ]] || echo "$out"
  ((rc == 0)) || die "switchover failed"
  helper wait-leader "$T_SWITCH_WAIT" "$leader" "${URLS[@]}" ||
    die "no new leader running within ${T_SWITCH_WAIT}s"
  info "switchover done: new leader $(helper leader "${URLS[@]}") in $(since "$t0")"
}

patch_config() { # JSON: PATCH /config on the first node that answers
  local url out rc
  for url in "${URLS[@]}"; do
    rc=0
    out=$(helper request PATCH "$url/config" "$1") || rc=$?
    if ((rc == 3)); then continue; fi # nothing answered: try the next node
    echo "$out" | head -n 1
    ((rc == 0)) || die "PATCH /config failed: $out"
    return 0
  done
  die "no node answered PATCH /config"
}

cmd_pause() {
  require_lab
  patch_config '{"pause": true}'
  helper wait-pause "$T_PAUSE_WAIT" true "${URLS[@]}" || die "/cluster does not show pause within ${T_PAUSE_WAIT}s"
}

cmd_resume() {
  require_lab
  patch_config '{"pause": null}'
  helper wait-pause "$T_PAUSE_WAIT" false "${URLS[@]}" || die "/cluster still shows pause after ${T_PAUSE_WAIT}s"
}

cmd_stall() {
  local n=${1:-} pids
  node_index "$n" >/dev/null
  require_lab
  pids=$(walreceivers_of "$n")
  [[ -n $pids ]] || die "$n has no walreceiver process (is it the leader, or is PostgreSQL down?)"
  # shellcheck disable=SC2086
  kill -STOP $pids
  echo "$pids" >"$LAB_DIR/run/$n.stalled"
  info "$n: walreceiver $(echo "$pids" | tr '\n' ' ')stopped (SIGSTOP); run 'unstall $n' to resume"
}

cmd_unstall() {
  local n=${1:-} pids p
  node_index "$n" >/dev/null
  require_lab
  pids=$(walreceivers_of "$n")
  for p in $pids; do kill -CONT "$p" 2>/dev/null || true; done
  rm -f "$LAB_DIR/run/$n.stalled"
  if [[ -n $pids ]]; then
    info "$n: walreceiver $(echo "$pids" | tr '\n' ' ')resumed (SIGCONT)"
  else
    info "$n: no walreceiver to resume"
  fi
}

cmd_write() {
  local mb=${1:-10} leader port rows out
  if ! [[ $mb =~ ^[0-9]{1,4}$ ]] || ((mb < 1 || mb > 4096)); then
    die "write: MB must be a number between 1 and 4096 (got '$mb')"
  fi
  require_lab
  leader=$(helper leader "${URLS[@]}") || die "no current leader"
  port=$(node_pg_port "$leader")
  rows=$((mb * 1000)) # about 1 kB of WAL per row
  # synchronous_commit=local: a stalled sync standby must not block the write.
  out=$(as_user timeout 300 "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -v rows="$rows" \
    -h "$LAB_DIR/sock" -p "$port" -U postgres -d postgres <<'SQL'
SET synchronous_commit = local;
SET client_min_messages = warning;
SET statement_timeout = '280s';
SELECT pg_current_wal_lsn() AS start_lsn \gset
DROP TABLE IF EXISTS lab_wal;
CREATE TABLE lab_wal (id bigint, pad text);
INSERT INTO lab_wal SELECT g, repeat(md5(g::text), 30) FROM generate_series(1, :rows) AS g;
SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), :'start_lsn')::bigint;
SQL
  ) || die "writing on $leader failed: $out"
  info "wrote about $(((out + 524288) / 1048576)) MB ($out bytes) of WAL on leader $leader"
  echo "$out"
}

usage() {
  sed -n '2,/^# Exit status/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
  help | -h | --help | '') ;;
  *) validate_settings ;;
  esac
  case $cmd in
  up | down | destroy | help | -h | --help | '') ;;
  *) if lab_exists && anything_running; then check_settings_match; fi ;;
  esac
  case $cmd in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  destroy) cmd_down --purge ;;
  status) cmd_status ;;
  urls) cmd_urls ;;
  leader) cmd_leader ;;
  wait-healthy) cmd_wait_healthy "$@" ;;
  kill) cmd_kill "$@" ;;
  stop) cmd_stop "$@" ;;
  start) cmd_start "$@" ;;
  switchover) cmd_switchover "$@" ;;
  pause) cmd_pause ;;
  resume) cmd_resume ;;
  stall) cmd_stall "$@" ;;
  unstall) cmd_unstall "$@" ;;
  write) cmd_write "$@" ;;
  help | -h | --help) usage ;;
  '')
    usage >&2
    exit 2
    ;;
  *) die "unknown command '$cmd' (try: bash scripts/lab.sh help)" ;;
  esac
}

main "$@"
