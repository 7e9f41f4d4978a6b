#!/usr/bin/env python3
"""Structural checks of infra/ that no tool here does (run by infra/validate, from the repo root).

- docker-compose.yml: which services each profile (and dev/prod + monitoring) starts; every
  depends_on stays inside the services that start together; images pinned (a tag, never latest);
  named volumes declared; nginx's mounts are the layout that the nginx tests use; the Prometheus
  target files that CHAT_SCRAPE_TARGETS can name exist and match the instances; Redis runs the way
  docs/cache.md requires (no persistence, volatile-ttl); every Citus node runs with
  wal_level=logical (the shard rebalancer needs it).
- Dockerfile: a COPY of every module's pom (pom.xml's <module> list), non-root USER, EXPOSE 8000,
  HEALTHCHECK on /health/live, the container-aware heap flag, the jar as ENTRYPOINT.
- Grafana dashboard: panels present, unique ids, inside the 24-column grid without overlaps,
  every query has a data source, the template variables, the provisioned data source uids.
- Loki, Promtail, Grafana provisioning: parse, and the keys the stack relies on.
Prints one line per problem; exit status 1 if there is any.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

try:
    import yaml
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("check_infra.py: needs PyYAML (apt-get install python3-yaml)")

INFRA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(INFRA)
problems = []


def problem(message):
    problems.append(message)


def load_yaml(rel):
    with open(os.path.join(INFRA, rel)) as f:
        return yaml.safe_load(f)


# ------------------------------------------------------------------ compose
DATA = {"citus-coordinator", "citus-worker-1", "citus-worker-2", "citus-init", "redis"}
EXPECTED = {
    "dev": DATA | {"chat", "pgadmin", "redis-commander"},
    "prod": DATA | {"chat-1", "chat-2", "nginx"},
    "monitoring": {"prometheus", "grafana", "loki", "promtail", "postgres-exporter", "redis-exporter"},
}
NGINX_MOUNTS = {
    "./nginx/nginx.conf": "/etc/nginx/nginx.conf",
    "./nginx/locations.conf": "/etc/nginx/chat/locations.conf",
    "${CHAT_TLS_DIR:-./nginx/tls}": "/etc/nginx/tls",
}


def check_compose():
    compose = load_yaml("docker-compose.yml")
    services = compose["services"]
    # workers added by the "Add a worker" procedure of docs/operations.md belong to dev and prod too
    extra_workers = {name for name in services if re.fullmatch(r"citus-worker-\d+", name)} - DATA
    expected_profiles = {profile: (expected | extra_workers if profile in ("dev", "prod") else expected)
                         for profile, expected in EXPECTED.items()}
    if "version" in compose:
        problem("docker-compose.yml: drop the obsolete top-level 'version' (Compose v2 warns)")
    if "name" in compose:
        problem("docker-compose.yml: top-level 'name' breaks docker-compose 1.29")

    def active(profiles):
        return {name for name, s in services.items() if set(s.get("profiles", [])) & set(profiles)}

    for name, service in services.items():
        if not service.get("profiles"):
            problem("compose: service %s has no profile (it would start with every profile)" % name)
        image = service.get("image", "")
        if "build" not in service:
            tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
            if not tag or tag == "latest" or "$" in tag:
                problem("compose: service %s: image %r is not pinned to a version" % (name, image))
        if "deploy" in service:
            problem("compose: service %s: deploy: is ignored by docker-compose 1.29" % name)

    for profile, expected in expected_profiles.items():
        got = active([profile])
        if got != expected:
            problem("compose: profile %s starts %s, expected %s" % (profile, sorted(got), sorted(expected)))

    for combination in (["dev"], ["prod"], ["monitoring"], ["dev", "monitoring"], ["prod", "monitoring"]):
        started = active(combination)
        for name in started:
            depends = services[name].get("depends_on", {})
            for dependency in (depends if isinstance(depends, (list, dict)) else []):
                if dependency not in started:
                    problem("compose: with --profile %s, %s depends on %s, which does not start"
                            % (" --profile ".join(combination), name, dependency))

    declared = set((compose.get("volumes") or {}).keys())
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source and not source.startswith((".", "/", "$")) and source not in declared:
                problem("compose: service %s uses volume %s, not declared under volumes:" % (name, source))
            if source.startswith("./") and "$" not in source:
                if not os.path.exists(os.path.join(INFRA, source)):
                    problem("compose: service %s mounts %s, which does not exist" % (name, source))

    mounts = {}
    for volume in services["nginx"].get("volumes", []):
        parts = volume.rsplit(":", 2) if volume.endswith((":ro", ":rw")) else volume.rsplit(":", 1)
        mounts[parts[0]] = parts[1]
    if mounts != NGINX_MOUNTS:
        problem("compose: nginx mounts %s; infra/validate tests the layout %s" % (mounts, NGINX_MOUNTS))

    prometheus_mounts = " ".join(services["prometheus"].get("volumes", []))
    if "${CHAT_SCRAPE_TARGETS:-dev}" not in prometheus_mounts:
        problem("compose: prometheus no longer mounts targets/${CHAT_SCRAPE_TARGETS:-dev}.yml")
    for stack in ("dev", "prod"):
        if not os.path.exists(os.path.join(INFRA, "prometheus", "targets", stack + ".yml")):
            problem("prometheus/targets/%s.yml is missing" % stack)
    for stack, instances in (("dev", ["chat"]), ("prod", ["chat-1", "chat-2"])):
        targets = load_yaml("prometheus/targets/%s.yml" % stack)
        hosts = sorted(t.split(":")[0] for group in targets for t in group["targets"])
        if hosts != sorted(instances):
            problem("prometheus/targets/%s.yml scrapes %s, the profile runs %s" % (stack, hosts, instances))

    # the shard rebalancer needs logical decoding on every node (docs/operations.md, "Add a worker")
    for name in sorted((DATA | extra_workers) - {"citus-init", "redis"}):
        command = services[name].get("command", [])
        command = command.split() if isinstance(command, str) else command
        if "wal_level=logical" not in command:
            problem("compose: %s must run with wal_level=logical, or citus_rebalance_start() cannot move shards" % name)

    redis = services["redis"].get("command", [])
    if not ("--save" in redis and redis[redis.index("--save") + 1] == "" and "volatile-ttl" in redis
            and "--appendonly" in redis and redis[redis.index("--appendonly") + 1] == "no"):
        problem("compose: redis must run without persistence and with maxmemory-policy volatile-ttl (docs/cache.md)")

    upstreams = re.findall(r"^\s*server\s+([\w.-]+):8000", open(os.path.join(INFRA, "nginx", "nginx.conf")).read(), re.M)
    if sorted(upstreams) != ["chat-1", "chat-2"]:
        problem("nginx.conf upstream servers %s are not the prod instances chat-1, chat-2" % upstreams)


# ------------------------------------------------------------------ Dockerfile
def check_dockerfile():
    text = open(os.path.join(INFRA, "Dockerfile")).read()
    modules = [m.text.strip() for m in ET.parse(os.path.join(ROOT, "pom.xml")).getroot().iter()
               if m.tag.endswith("}module") or m.tag == "module"]
    for module in modules:
        if not re.search(r"^COPY\s+%s/pom\.xml\s" % re.escape(module), text, re.M):
            problem("Dockerfile: no 'COPY %s/pom.xml %s/' for module %s of pom.xml" % (module, module, module))
    for wanted, why in (
            (r"^FROM \$\{MAVEN_IMAGE\} AS build$", "a build stage from MAVEN_IMAGE"),
            (r"^ARG MAVEN_IMAGE=maven:[0-9.]+-eclipse-temurin-25$", "a pinned Maven + JDK 25 image"),
            (r"^ARG RUNTIME_IMAGE=eclipse-temurin:25[-.\w]*-jre[-\w]*$", "a JDK 25 JRE runtime image"),
            (r"-DskipTests -Djacoco\.skip=true -pl bootstrap -am package", "the package command (server modules only)"),
            (r"^USER (?!0\b|root\b)\S+", "a non-root USER"),
            (r"^EXPOSE 8000$", "EXPOSE 8000"),
            (r"^HEALTHCHECK .*\n?.*/health/live", "a HEALTHCHECK on /health/live"),
            (r"-XX:MaxRAMPercentage=", "a container-aware heap"),
            (r'"-jar", "/app/chat-server\.jar"\]', "ENTRYPOINT java ... -jar /app/chat-server.jar"),
            (r"COPY --from=build /build/bootstrap/target/chat-server\.jar /app/chat-server\.jar", "the jar from the build stage")):
        if not re.search(wanted, text, re.M):
            problem("Dockerfile: missing %s" % why)
    ignore = open(os.path.join(ROOT, ".dockerignore")).read().split()
    for entry in (".git/", "**/target/", "data/"):
        if entry not in ignore:
            problem(".dockerignore: %s is not excluded" % entry)


# ------------------------------------------------------------------ dashboard
REQUIRED_PANELS = [
    "Request rate by route", "Error rate (4xx / 5xx)", "Latency p50 / p95 / p99 by route",
    "Messages sent / s", "Message changes / s by kind", "Logins by outcome", "Cache hit ratio by cache type",
    "Cache failures and availability", "DB pool connections", "Statement latency p95",
    "WebSocket connections", "WebSocket events delivered / dropped", "Heap", "GC time", "Service logs",
]


def check_dashboard():
    path = os.path.join(INFRA, "grafana", "dashboards", "chat-platform.json")
    dashboard = json.load(open(path))
    panels = dashboard.get("panels", [])
    titles = [p.get("title") for p in panels]
    for title in REQUIRED_PANELS:
        if title not in titles:
            problem("dashboard: no panel %r" % title)
    ids = [p.get("id") for p in panels]
    if len(ids) != len(set(ids)) or None in ids:
        problem("dashboard: panel ids are missing or repeated")
    cells = {}
    for p in panels:
        g = p.get("gridPos", {})
        x, y, w, h = g.get("x", -1), g.get("y", -1), g.get("w", 0), g.get("h", 0)
        if x < 0 or y < 0 or w <= 0 or h <= 0 or x + w > 24:
            problem("dashboard: panel %r has gridPos %s outside the 24-column grid" % (p.get("title"), g))
            continue
        for cx in range(x, x + w):
            for cy in range(y, y + h):
                if (cx, cy) in cells:
                    problem("dashboard: panels %r and %r overlap" % (cells[(cx, cy)], p.get("title")))
                    break
                cells[(cx, cy)] = p.get("title")
            else:
                continue
            break
        if p.get("type") == "row":
            continue
        if not p.get("datasource"):
            problem("dashboard: panel %r has no datasource" % p.get("title"))
        for t in p.get("targets", []):
            if not t.get("expr") or not t.get("datasource"):
                problem("dashboard: panel %r has a query without expr or datasource" % p.get("title"))
    variables = {v.get("name"): v for v in dashboard.get("templating", {}).get("list", [])}
    for name, kind in (("datasource", "datasource"), ("instance", "query"), ("loki", "datasource"), ("level", "custom")):
        if variables.get(name, {}).get("type") != kind:
            problem("dashboard: no %s variable $%s" % (kind, name))
    uses = json.dumps(panels)
    if "${datasource}" not in uses or '$instance' not in uses or "${loki}" not in uses:
        problem("dashboard: panels do not use $datasource, $instance and $loki")
    logs = [p for p in panels if p.get("type") == "logs"]
    if not logs or "$level" not in logs[0]["targets"][0]["expr"]:
        problem("dashboard: the logs panel does not filter by $level")
    if dashboard.get("uid") != "chat-platform" or not isinstance(dashboard.get("schemaVersion"), int):
        problem("dashboard: uid chat-platform and an integer schemaVersion expected")

    sources = load_yaml("grafana/provisioning/datasources/datasources.yml")["datasources"]
    uids = {s["type"]: s["uid"] for s in sources}
    if uids.get("prometheus") != variables.get("datasource", {}).get("current", {}).get("value"):
        problem("dashboard: $datasource default is not the provisioned Prometheus uid %r" % uids.get("prometheus"))
    if uids.get("loki") != variables.get("loki", {}).get("current", {}).get("value"):
        problem("dashboard: $loki default is not the provisioned Loki uid %r" % uids.get("loki"))
    providers = load_yaml("grafana/provisioning/dashboards/dashboards.yml")["providers"]
    if providers[0]["options"]["path"] != "/etc/grafana/dashboards":
        problem("grafana: the dashboard provider does not read /etc/grafana/dashboards (the compose mount)")


# ------------------------------------------------------------------ Loki / Promtail
def check_logging():
    loki = load_yaml("loki/loki.yml")
    if loki["server"]["http_listen_port"] != 3100:
        problem("loki.yml: http_listen_port is not 3100 (Promtail, Grafana and Prometheus use it)")
    if not loki.get("limits_config", {}).get("allow_structured_metadata"):
        problem("loki.yml: structured metadata is off, Promtail sends request_id there")
    if loki["schema_config"]["configs"][-1].get("schema") != "v13":
        problem("loki.yml: structured metadata needs schema v13")
    promtail = load_yaml("promtail/promtail.yml")
    if promtail["clients"][0]["url"] != "http://loki:3100/loki/api/v1/push":
        problem("promtail.yml: not pushing to loki:3100")
    stages = json.dumps(promtail["scrape_configs"][0]["pipeline_stages"])
    for field in ("level", "logger", "request_id", "route", "status"):
        if '"%s"' % field not in stages:
            problem("promtail.yml: JSON field %s is not parsed" % field)
    labels = [s["labels"] for m in promtail["scrape_configs"][0]["pipeline_stages"]
              for s in m.get("match", {}).get("stages", []) if "labels" in s]
    if any("request_id" in l for l in labels):
        problem("promtail.yml: request_id must not be a label (one stream per request)")


check_compose()
check_dockerfile()
check_dashboard()
check_logging()
for message in problems:
    print(message)
sys.exit(1 if problems else 0)
