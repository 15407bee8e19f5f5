"""Docker and a cluster cannot run here, so check the deploy files offline: the Slack manifest
subscribes to what the bot listens for and grants the scopes its calls need; compose passes
``docker compose config`` and the Kubernetes manifests pass the Kubernetes schemas (when those
tools are installed); every variable they set is read by minutes-bot and every command they run
exists in its CLI."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.settings import Settings
from bot.slack.listeners.commands.minutes_command import COMMAND
from tests.paths import REPO

DEPLOY = REPO / "deploy"

# Every Web API method or event the bot uses, and the bot scope Slack requires for it.
NEEDED_SCOPES = {
    "app_mention event": "app_mentions:read",
    "message.im event": "im:history",
    "chat.postMessage": "chat:write",
    "Share in channel without an invite": "chat:write.public",
    "reactions.add / reactions.remove": "reactions:write",
    "conversations.replies in channels": "channels:history",
    "conversations.replies in private channels": "groups:history",
    "slash command": "commands",
}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((DEPLOY / "slack-app-manifest.yaml").read_text())


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def settings_variables() -> set[str]:
    names = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if alias is not None:
            names.update(a for a in alias.choices if isinstance(a, str))
        else:
            names.add(f"MINUTES_BOT_{name.upper()}")
    return names


def test_manifest_subscribes_to_what_the_bot_handles(manifest):
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
        "app_home_opened",
    }
    assert settings["interactivity"]["is_enabled"] is True  # buttons
    assert settings["socket_mode_enabled"] is True
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [COMMAND]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True


def test_manifest_grants_the_scopes_the_bot_needs(manifest):
    granted = set(manifest["oauth_config"]["scopes"]["bot"])
    missing = {use: scope for use, scope in NEEDED_SCOPES.items() if scope not in granted}
    assert not missing
    assert granted <= set(NEEDED_SCOPES.values()) | {"mpim:history"}  # nothing more than needed


def code_variables() -> set[str]:
    """Variables the code reads from the environment itself (``os.environ.get("X")``)."""
    pattern = re.compile(r"""environ(?:\.get\(|\.setdefault\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']""")
    found: set[str] = set()
    for package in ("bot", "index", "prompts"):
        for path in (REPO / package).rglob("*.py"):
            found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def known_variables() -> set[str]:
    return settings_variables() | code_variables()


def test_every_minutes_bot_variable_is_read_through_the_settings():
    """One list of the bot's own variables (the settings classes): the code reads none of
    them from ``os.environ`` itself, only third-party switches such as ``HF_HUB_OFFLINE``."""
    assert not {n for n in code_variables() if n.startswith(("MINUTES_BOT_", "SLACK_"))}
    assert {"MINUTES_BOT_EMBED_BACKEND", "MINUTES_BOT_LOG_LEVEL"} <= settings_variables()


def ours(image: str | None) -> bool:
    return (image or "").split(":")[0].endswith("minutes-bot")


def test_compose_uses_the_variable_names_config_reads(compose):
    known = known_variables()
    for name, service in compose["services"].items():
        if not ours(service.get("image")):
            continue
        for variable in service.get("environment") or {}:
            assert variable in known, f"{name}: {variable} is not read by minutes-bot"


def test_compose_runs_stateless_replicas_on_shared_services(compose):
    services = compose["services"]
    assert services["bot"]["deploy"]["replicas"] == 2
    assert services["bot"]["command"] == ["serve"]
    assert "volumes" not in services["bot"], "replicas keep nothing locally"
    chroma_image, _, tag = services["chroma"]["image"].partition(":")
    assert chroma_image == "chromadb/chroma"
    import chromadb

    assert tag == chromadb.__version__  # the server speaks the client's API
    assert services["redis"]["image"].startswith("redis:")
    assert services["postgres"]["image"].startswith("postgres:")
    env = services["bot"]["environment"]
    assert env["MINUTES_BOT_CHROMA_URL"] == "http://chroma:8000"
    assert env["MINUTES_BOT_REDIS_URL"].startswith("redis://redis:6379")
    assert env["MINUTES_BOT_DATABASE_URL"].startswith("postgresql+psycopg://minutes:")
    assert "@postgres:5432/minutes" in env["MINUTES_BOT_DATABASE_URL"]
    for name in ("bot", "sync", "actions", "index"):
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["sync"]["command"][0] == "sync"
    assert services["sync"]["command"][-2:] == ["--every", "6h"]
    assert "--notify" in services["sync"]["command"]  # digests and watches reach Slack
    assert "SLACK_BOT_TOKEN" in services["sync"]["environment"]
    assert {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"} <= set(env)


def test_compose_posts_the_overdue_actions_on_a_schedule(compose):
    """``minutes-bot actions --notify`` (issue 23): a long-running loop, as ``sync`` is."""
    from bot.cli.schedule import parse_every

    actions = compose["services"]["actions"]
    command = actions["command"]
    assert command[:2] == ["actions", "--notify"]
    assert command[2] == "--every" and parse_every(command[3]) == 7 * 24 * 3600
    assert actions["profiles"] == compose["services"]["sync"]["profiles"]
    assert {"SLACK_BOT_TOKEN", "MINUTES_BOT_DIGEST_CHANNEL"} <= set(actions["environment"])
    assert actions["restart"] == "unless-stopped"


def redis_persists(argv: list[str]) -> bool:
    """``redis-server`` with an append-only file synced at least every second: a restarted
    Redis still knows which Slack deliveries were answered (issue 21, item 4)."""
    if argv[:1] != ["redis-server"]:
        return False
    options = dict(zip(argv[1::2], argv[2::2], strict=False))
    return options.get("--appendonly") == "yes" and options.get("--appendfsync") in (
        "everysec",
        "always",
    )


def test_compose_runs_redis_with_persistence_on_a_volume(compose):
    redis = compose["services"]["redis"]
    assert redis_persists(redis["command"]), redis["command"]
    mounts = {m.split(":")[0]: m.split(":")[1] for m in redis["volumes"]}
    assert mounts.get("redis") == "/data"  # the image's working directory: the AOF's home
    assert "redis" in compose["volumes"]  # a named volume, kept across `down`/`up`


def test_compose_file_passes_docker_compose_config():
    import shutil
    import subprocess

    if shutil.which("docker-compose"):
        command = ["docker-compose"]
    elif (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0
    ):
        command = ["docker", "compose"]
    else:
        pytest.skip("no docker compose client here (apt-get install docker-compose)")
    done = subprocess.run(
        [*command, "-f", str(DEPLOY / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "SITE_URL": "https://example.org"},
    )
    assert done.returncode == 0, done.stderr


# -- Kubernetes ------------------------------------------------------------------------------


def k8s_documents() -> list[tuple[str, dict]]:
    docs = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        docs += [(path.name, d) for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


def pod_spec(doc: dict) -> dict | None:
    spec = doc.get("spec") or {}
    if doc["kind"] == "CronJob":
        return spec["jobTemplate"]["spec"]["template"]["spec"]
    if doc["kind"] in ("Deployment", "StatefulSet"):
        return spec["template"]["spec"]
    return None


def our_containers() -> list[tuple[str, dict]]:
    out = []
    for name, doc in k8s_documents():
        spec = pod_spec(doc)
        for container in (spec or {}).get("containers", []):
            if ours(container.get("image")):
                out.append((f"{name}:{doc['metadata']['name']}", container))
    return out


def by_kind(kind: str, name: str) -> dict:
    return next(
        d for _, d in k8s_documents() if d["kind"] == kind and d["metadata"]["name"] == name
    )


def test_k8s_manifests_validate_against_the_kubernetes_schemas():
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    for name, doc in k8s_documents():
        kubernetes_validate.validate(doc, "1.37", strict=True)  # raises with the field named
        assert doc["metadata"]["labels"]["app.kubernetes.io/part-of"] == "minutes-bot", name


def test_k8s_env_vars_are_read_by_minutes_bot():
    known = known_variables()
    config = by_kind("ConfigMap", "minutes-bot")["data"]
    for where, container in our_containers():
        args = " ".join(container.get("args") or [])
        names = {e["name"] for e in container.get("env") or []}
        for source in container.get("envFrom") or []:
            if "configMapRef" in source:
                names |= set(config)
        for name in names:
            used_in_args = f"$({name})" in args
            assert name in known or used_in_args, f"{where}: {name} is not read by minutes-bot"


def test_k8s_shape_bot_chroma_redis_sync_and_secret():
    bot = by_kind("Deployment", "minutes-bot")
    assert bot["spec"]["replicas"] >= 2
    (container,) = bot["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["serve"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    port = next(e["value"] for e in container["env"] if e["name"] == "PORT")
    assert int(port) == container["ports"][0]["containerPort"]
    assert bot["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    chroma = by_kind("StatefulSet", "chroma")
    assert chroma["spec"]["volumeClaimTemplates"]
    assert chroma["spec"]["template"]["spec"]["containers"][0]["image"].startswith("chromadb/")
    cron = by_kind("CronJob", "minutes-sync")
    assert cron["spec"]["schedule"] == "0 */6 * * *"
    secret = by_kind("Secret", "minutes-bot")["stringData"]
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "MINUTES_BOT_DATABASE_URL"} <= set(secret)
    config = by_kind("ConfigMap", "minutes-bot")["data"]
    assert not {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"} & set(config), "tokens go in the Secret"


def test_k8s_posts_the_overdue_actions_weekly():
    """``minutes-bot actions --notify`` as a CronJob beside the sync's (issue 23)."""
    cron = by_kind("CronJob", "minutes-actions")
    sync = by_kind("CronJob", "minutes-sync")
    minute, hour, day, month, weekday = cron["spec"]["schedule"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert minute.isdigit() and hour.isdigit()
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    (container,) = pod_spec(cron)["containers"]  # type: ignore[index]
    assert container["args"] == ["actions", "--notify"]
    (sync_container,) = pod_spec(sync)["containers"]  # type: ignore[index]
    assert container["image"] == sync_container["image"]
    env = {e["name"]: e for e in container["env"]}
    assert env["MINUTES_BOT_DIGEST_CHANNEL"]["value"]  # --notify refuses an empty channel
    assert env["SLACK_BOT_TOKEN"]["valueFrom"]["secretKeyRef"]["name"] == "minutes-bot"
    assert container["envFrom"] == sync_container["envFrom"]  # Chroma's URL from the ConfigMap
    assert pod_spec(cron)["securityContext"]["runAsNonRoot"] is True  # type: ignore[index]


def test_k8s_runs_redis_with_persistence_on_a_volume_claim():
    redis = by_kind("StatefulSet", "redis")
    (container,) = redis["spec"]["template"]["spec"]["containers"]
    assert redis_persists(container["args"]), container["args"]
    (mount,) = container["volumeMounts"]
    assert mount["mountPath"] == "/data"
    claims = {c["metadata"]["name"] for c in redis["spec"]["volumeClaimTemplates"]}
    assert mount["name"] in claims
    service = by_kind("Service", "redis")
    assert service["spec"]["selector"] == redis["spec"]["selector"]["matchLabels"]
    assert config_redis_host() == service["metadata"]["name"]


def config_redis_host() -> str:
    url = by_kind("ConfigMap", "minutes-bot")["data"]["MINUTES_BOT_REDIS_URL"]
    return url.split("://", 1)[1].split(":", 1)[0]


def commands_used() -> list[tuple[str, list[str]]]:
    """(where, argv after ``minutes-bot``) for every container of ours, compose and k8s."""
    out = []
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        if ours(service.get("image")):
            out.append((f"compose:{name}", list(service["command"])))
    out += [(where, list(c["args"])) for where, c in our_containers()]
    return out


@pytest.mark.parametrize(("where", "argv"), commands_used(), ids=lambda v: str(v))
def test_every_command_in_the_deploy_files_exists(where, argv):
    import typer.main

    from bot.cli import app

    command = typer.main.get_command(app).commands.get(argv[0])  # type: ignore[attr-defined]
    assert command is not None, f"{where}: minutes-bot has no command {argv[0]!r}"
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for word in argv[1:]:
        if word.startswith("--"):
            assert word in options, f"{where}: {argv[0]} has no option {word}"


def test_dockerfile_serves_on_the_configured_port_with_a_health_check():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^USER bot$", dockerfile, re.M)  # not root
    assert "MINUTES_BOT_MODEL_CACHE=/app/models" in dockerfile and "ensure_onnx" in dockerfile
    assert "MINUTES_BOT_MODEL_CACHE" in settings_variables()
    assert re.search(r'ENTRYPOINT \["minutes-bot"\]', dockerfile)
    assert "/healthz" in dockerfile and "MINUTES_BOT_HOST=0.0.0.0" in dockerfile
    assert "constraints.txt" in dockerfile  # torch pinned to the CPU build


def test_dockerfile_sets_only_variables_minutes_bot_reads():
    dockerfile = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    names = {
        name
        for line in re.findall(r"^ENV (.+)$", dockerfile, re.M)
        for name in re.findall(r"([A-Z][A-Z0-9_]*)=", line)
    }
    ours_only = {n for n in names if n.startswith(("MINUTES_BOT_", "SLACK_")) or n == "PORT"}
    assert ours_only >= {"MINUTES_BOT_DATA_DIR", "MINUTES_BOT_MODEL_CACHE", "PORT"}
    assert ours_only <= known_variables(), ours_only - known_variables()
