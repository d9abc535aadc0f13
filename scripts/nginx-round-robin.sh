#!/usr/bin/env bash
# Runs nginx as a plain round-robin load balancer (no stickiness) in front of
# local HTTP servers, for testing MCP servers that share their sessions
# (mcp.server.session.store=redis): each request may reach another node.
#
# Usage:
#   scripts/nginx-round-robin.sh start <listen-port> <upstream-port>...
#   scripts/nginx-round-robin.sh stop
#
#   start  writes $NGINX_WORK_DIR/nginx.conf (listen on 127.0.0.1:<listen-port>,
#          upstream 127.0.0.1:<upstream-port> for each port), checks it with
#          nginx -t, and starts nginx in the background (a daemon with its pid
#          file in the work dir); returns once nginx listens. An nginx already
#          running from the same work dir is stopped first.
#   stop   stops the nginx of the work dir (SIGTERM, then SIGKILL after 10 s)
#          and waits until it has exited; does nothing when none runs.
#
# Environment (optional):
#   NGINX_WORK_DIR  default <repo>/target/nginx: config, pid file, logs
#                   (error.log, access.log with the upstream of each request)
#                   and temp dirs all live there, nothing under /etc or /var,
#                   so it works as root or as any user. Use one work dir per
#                   nginx to run several at once.
#   NGINX           the nginx binary; default: nginx from the PATH, else
#                   /usr/sbin/nginx (install: apt-get install -y nginx).
#
# Proxying: HTTP/1.1 to the upstreams with keep-alive (Connection ""), no
# buffering either way (SSE streams and request bodies flow through as they
# come), a 3600 s read timeout (long-lived SSE), the client's Host header, no
# body size limit (the nodes enforce theirs), and proxy_next_upstream off: a
# request that fails on one node is answered 502/504, never silently re-sent to
# another. As usual in nginx, a node that fails is then skipped for 10 s.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${NGINX_WORK_DIR:-$repo/target/nginx}"

die() {
    echo "nginx-round-robin: $*" >&2
    exit 1
}

usage() {
    sed -n '6,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

nginx_binary() {
    if [ -n "${NGINX:-}" ]; then
        echo "$NGINX"
    elif command -v nginx >/dev/null 2>&1; then
        command -v nginx
    elif [ -x /usr/sbin/nginx ]; then
        echo /usr/sbin/nginx
    else
        die "nginx is not installed; install it with apt-get install -y nginx"
    fi
}

is_port() {
    [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]
}

running_pid() {
    local pid
    [ -f "$work/nginx.pid" ] || return 1
    pid="$(cat "$work/nginx.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$work/nginx.pid"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "nginx-round-robin: nginx $pid did not stop within 10 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        # its workers exit when the master is gone
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -f "$work/nginx.pid"
    echo "nginx-round-robin: stopped nginx $pid ($work)"
}

start() {
    [ $# -ge 2 ] || usage
    local listen="$1"
    shift
    is_port "$listen" || die "not a port: $listen"
    local port servers=""
    for port in "$@"; do
        is_port "$port" || die "not a port: $port"
        servers+="        server 127.0.0.1:$port;"$'\n'
    done

    local nginx
    nginx="$(nginx_binary)"
    stop >/dev/null
    mkdir -p "$work"/temp/{client_body,proxy,fastcgi,uwsgi,scgi}
    cat >"$work/nginx.conf" <<EOF
# written by scripts/nginx-round-robin.sh; no 'user' directive: as root the
# workers run as nobody, as any other user they run as that user
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;

events {
    worker_connections 1024;
}

http {
    log_format upstreams '\$remote_addr "\$request" \$status -> \$upstream_addr (\$upstream_status) \$request_time s';
    access_log $work/access.log upstreams;

    client_body_temp_path $work/temp/client_body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;

    # round robin (the default): no ip_hash, no hash, no sticky
    upstream nodes {
$servers        keepalive 32;
    }

    server {
        listen 127.0.0.1:$listen;
        client_max_body_size 0;

        location / {
            proxy_pass http://nodes;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_buffering off;
            proxy_request_buffering off;
            proxy_read_timeout 3600s;
            proxy_send_timeout 3600s;
            proxy_next_upstream off;
        }
    }
}
EOF
    # -e: the error log before the config is read (else the compiled-in /var/log/nginx/error.log)
    "$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" -t -q \
        || die "nginx rejected $work/nginx.conf (see above)"
    "$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" \
        || die "nginx did not start; $work/error.log:"$'\n'"$(tail -20 "$work/error.log" 2>/dev/null)"
    # the master forks after binding, so the port listens once the pid file is there
    local pid=""
    for _ in $(seq 1 50); do
        pid="$(running_pid)" && break
        sleep 0.1
    done
    [ -n "$pid" ] || die "nginx did not write $work/nginx.pid; $work/error.log:"$'\n'"$(tail -20 "$work/error.log" 2>/dev/null)"
    echo "nginx-round-robin: nginx $pid on 127.0.0.1:$listen -> 127.0.0.1:{$(IFS=,; echo "$*")} ($work)"
}

case "${1:-}" in
    start)
        shift
        start "$@"
        ;;
    stop)
        [ $# -eq 1 ] || usage
        stop
        ;;
    *)
        usage
        ;;
esac
