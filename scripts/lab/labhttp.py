#!/usr/bin/python3
"""HTTP/JSON helper for scripts/lab.sh (talks to the lab's Patroni REST APIs).

Run with Debian's /usr/bin/python3 in isolated mode (-I): it is always present because
patroni depends on it, unlike curl and jq. Standard library only.

Environment (set by lab.sh):
  LAB_CA_FILE   CA bundle to verify https URLs with (empty: plain http)
  LAB_AUTH      user:password sent as Basic auth on unsafe requests (empty: none)
  LAB_NODES_N   expected number of members (default 3)
  LAB_MAX_LAG   maximum_lag_on_failover: a replica further behind is not healthy (default 1048576)

Commands (URL = a node's base URL, e.g. http://127.0.0.1:8008):
  cluster URL...                     first reachable /cluster as JSON; exit 1 if none answers
  leader URL...                      name of the member with role leader; exit 1 if none
  sync URL...                        name of the sync_standby; exit 1 if none
  member NAME FIELD URL...           one field of one member in /cluster
  healthy URL...                     exit 0 if healthy (see is_healthy), else print why, exit 1
  wait-healthy SECS URL...           poll until healthy, exit 1 on timeout
  wait-role SECS URL ROLE...         poll URL/patroni until role in ROLEs and state running
  wait-api SECS URL                  poll URL/patroni until it answers with any HTTP status
  wait-leader SECS OLD URL...        poll /cluster until a leader other than OLD is running
  wait-pause SECS true|false URL...  poll /cluster until "pause" is (not) true
  paused SECS URL...                 exit 0 if /cluster shows "pause": true, 1 if not, 3 if no
                                     node answered within SECS
  wait-get SECS URL TEXT             poll GET URL until the body contains TEXT (e.g. etcd /health)
  request METHOD URL [JSON]          unsafe request; prints "HTTP <status>" and the body;
                                     exit 0 on 200, 1 on another status, 3 if nothing answered
"""
import base64
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request

GET_TIMEOUT = 3.0
# POST /switchover blocks for up to 2 * max(10, loop_wait) seconds on the server.
UNSAFE_TIMEOUT = 60.0
POLL_INTERVAL = 0.25
LEADER_ROLES = ("leader", "master", "primary", "standby_leader")


def _ssl_context():
    ca = os.environ.get("LAB_CA_FILE") or None
    return ssl.create_default_context(cafile=ca) if ca else None


CTX = _ssl_context()


def http(method, url, body=None, timeout=GET_TIMEOUT, auth=False):
    """Return (status, text) or (None, error message). One request, no retries."""
    data = None
    headers = {"Accept": "application/json"}
    if body is not None:
        data = body.encode()
        headers["Content-Type"] = "application/json"
    if auth and os.environ.get("LAB_AUTH"):
        token = base64.b64encode(os.environ["LAB_AUTH"].encode()).decode()
        headers["Authorization"] = "Basic " + token
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    kwargs = {"timeout": timeout}
    if url.startswith("https:"):
        kwargs["context"] = CTX
    try:
        with urllib.request.urlopen(req, **kwargs) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as e:  # 4xx/5xx still carry a body
        return e.code, e.read().decode(errors="replace")
    except Exception as e:  # noqa: BLE001 - refused, timeout, TLS: all mean "no answer"
        return None, "%s: %s" % (type(e).__name__, getattr(e, "reason", e))


def get_json(url):
    status, text = http("GET", url)
    if status is None:
        return None, text
    try:
        return json.loads(text), None
    except ValueError:
        return None, "HTTP %s, body is not JSON" % status


def first_cluster(urls):
    """/cluster of the first node that answers (nodes asked one at a time)."""
    errors = []
    for base in urls:
        body, err = get_json(base + "/cluster")
        if isinstance(body, dict) and "members" in body:
            return body, None
        errors.append("%s: %s" % (base, err or "no members in body"))
    return None, "; ".join(errors)


def leader_of(cluster):
    for m in cluster.get("members", []):
        if m.get("role") in LEADER_ROLES:
            return m
    return None


def is_healthy(urls):
    """1 leader running, every other expected member running/streaming on the leader's timeline
    with a known lag <= maximum_lag_on_failover (a failover candidate), one sync_standby, and each node's own REST API answering with state running
    (/cluster alone can list a hard-killed node as running until its key expires after ttl)."""
    n = int(os.environ.get("LAB_NODES_N", "3"))
    max_lag = int(os.environ.get("LAB_MAX_LAG") or 1048576)
    cluster, err = first_cluster(urls)
    if cluster is None:
        return False, "no /cluster answer (%s)" % err
    members = cluster["members"]
    leaders = [m for m in members if m.get("role") in LEADER_ROLES]
    if len(leaders) != 1:
        return False, "%d leaders in /cluster" % len(leaders)
    leader = leaders[0]
    if leader.get("state") != "running":
        return False, "leader %s is %s" % (leader.get("name"), leader.get("state"))
    replicas = [m for m in members if m is not leader]
    good = [m for m in replicas
            if m.get("state") in ("running", "streaming")
            and m.get("timeline") == leader.get("timeline")
            and isinstance(m.get("lag"), int) and m["lag"] <= max_lag]
    if len(good) != n - 1:
        desc = ", ".join("%s %s/%s tl=%s lag=%s" % (m.get("name"), m.get("role"), m.get("state"),
                                                    m.get("timeline"), m.get("lag")) for m in replicas)
        return False, "%d of %d replicas ready (%s)" % (len(good), n - 1, desc or "none")
    if not any(m.get("role") == "sync_standby" for m in good):
        return False, "no sync_standby yet"
    for base in urls:
        body, err = get_json(base + "/patroni")
        if not isinstance(body, dict):
            return False, "%s/patroni: %s" % (base, err)
        if body.get("state") != "running":
            return False, "%s/patroni state %s" % (base, body.get("state"))
    return True, "healthy: leader %s, sync_standby %s" % (
        leader.get("name"), ",".join(m["name"] for m in good if m.get("role") == "sync_standby"))


def poll(secs, fn):
    """Call fn() (-> (done, message)) until done or the deadline; print the last message."""
    deadline = time.monotonic() + float(secs)
    while True:
        done, msg = fn()
        if done:
            print(msg, file=sys.stderr)
            return 0
        if time.monotonic() >= deadline:
            print("timeout after %ss: %s" % (secs, msg), file=sys.stderr)
            return 1
        time.sleep(POLL_INTERVAL)


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]

    if cmd == "cluster":
        cluster, err = first_cluster(args)
        if cluster is None:
            print("no node answered /cluster: %s" % err, file=sys.stderr)
            return 1
        print(json.dumps(cluster, indent=2))
        return 0

    if cmd in ("leader", "sync"):
        cluster, err = first_cluster(args)
        if cluster is None:
            print("no node answered /cluster: %s" % err, file=sys.stderr)
            return 1
        if cmd == "leader":
            m = leader_of(cluster)
        else:
            m = next((x for x in cluster["members"] if x.get("role") == "sync_standby"), None)
        if m is None:
            print("no %s in /cluster" % ("leader" if cmd == "leader" else "sync_standby"),
                  file=sys.stderr)
            return 1
        print(m["name"])
        return 0

    if cmd == "member":
        name, field, urls = args[0], args[1], args[2:]
        cluster, err = first_cluster(urls)
        if cluster is None:
            print("no node answered /cluster: %s" % err, file=sys.stderr)
            return 1
        for m in cluster["members"]:
            if m.get("name") == name and field in m:
                print(m[field])
                return 0
        print("%s has no %s in /cluster" % (name, field), file=sys.stderr)
        return 1

    if cmd == "healthy":
        ok, msg = is_healthy(args)
        print(msg, file=sys.stderr)
        return 0 if ok else 1

    if cmd == "wait-healthy":
        return poll(args[0], lambda: is_healthy(args[1:]))

    if cmd == "wait-role":
        secs, base, roles = args[0], args[1], args[2:]

        def role_ok():
            body, err = get_json(base + "/patroni")
            if not isinstance(body, dict):
                return False, "%s/patroni: %s" % (base, err)
            ok = body.get("role") in roles and body.get("state") == "running"
            return ok, "%s is %s/%s" % (base, body.get("role"), body.get("state"))
        return poll(secs, role_ok)

    if cmd == "wait-api":
        secs, base = args[0], args[1]

        def api_ok():
            status, text = http("GET", base + "/patroni")
            return status is not None, "%s/patroni: %s" % (base, status or text)
        return poll(secs, api_ok)

    if cmd == "wait-leader":
        secs, old, urls = args[0], args[1], args[2:]

        def new_leader():
            cluster, err = first_cluster(urls)
            if cluster is None:
                return False, err
            m = leader_of(cluster)
            if m is None:
                return False, "no leader"
            ok = m.get("name") != old and m.get("state") == "running"
            return ok, "leader %s (%s)" % (m.get("name"), m.get("state"))
        return poll(secs, new_leader)

    if cmd == "wait-pause":
        secs, want, urls = args[0], args[1] == "true", args[2:]

        def pause_ok():
            cluster, err = first_cluster(urls)
            if cluster is None:
                return False, err
            paused = cluster.get("pause") is True
            return paused == want, "pause is %s" % ("true" if paused else "off")
        return poll(secs, pause_ok)

    if cmd == "paused":
        secs, urls = args[0], args[1:]
        deadline = time.monotonic() + float(secs)
        while True:
            cluster, err = first_cluster(urls)
            if cluster is not None:
                return 0 if cluster.get("pause") is True else 1
            if time.monotonic() >= deadline:
                print("no node answered /cluster: %s" % err, file=sys.stderr)
                return 3
            time.sleep(POLL_INTERVAL)

    if cmd == "wait-get":
        secs, url, text = args[0], args[1], args[2]

        def get_ok():
            status, body = http("GET", url)
            return status == 200 and text in body, "%s: %s %s" % (url, status, body.strip()[:200])
        return poll(secs, get_ok)

    if cmd == "request":
        method, url = args[0], args[1]
        body = args[2] if len(args) > 2 else None
        status, text = http(method, url, body=body, timeout=UNSAFE_TIMEOUT, auth=True)
        if status is None:
            print("%s %s failed: %s" % (method, url, text), file=sys.stderr)
            return 3
        print("HTTP %s" % status)
        print(text.strip())
        return 0 if status == 200 else 1

    print("unknown command %r" % cmd, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
