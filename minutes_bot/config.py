"""Settings from the environment (and CLI overrides), in one place.

Index settings use the ``MINUTES_BOT_`` prefix; Slack's use the names Slack's own docs use
(``SLACK_BOT_TOKEN`` …) so a deployer can paste them from the app's settings page.
Tokens are ``SecretStr`` so they never print in a repr or a log line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path(".minutes-bot")
DEFAULT_COLLECTION = "minutes"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MINUTES_BOT_", extra="ignore")

    data_dir: Path = DEFAULT_DATA_DIR
    chroma_url: str | None = None
    collection: str = DEFAULT_COLLECTION
    model_path: Path | None = None
    embed_batch_size: int = 32
    top_k: int = 3
    chunk_words: int = 180
    chunk_overlap_words: int = 40

    slack_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_BOT_TOKEN", "MINUTES_BOT_SLACK_BOT_TOKEN"),
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "MINUTES_BOT_SLACK_SIGNING_SECRET"),
    )
    slack_app_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_APP_TOKEN", "MINUTES_BOT_SLACK_APP_TOKEN"),
    )
    slack_api_url: str | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_API_URL", "MINUTES_BOT_SLACK_API_URL")
    )
    host: str = "127.0.0.1"
    port: int = Field(default=3000, validation_alias=AliasChoices("PORT", "MINUTES_BOT_PORT"))

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def state_dir(self) -> Path:
        """Index state beside Chroma's files: manifests, the lexical index, feedback."""
        return self.data_dir / "state"
