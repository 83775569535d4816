"""Views: pure functions from the profile to what one output may see."""

from .public import PUBLIC_FIELDS, public_view

__all__ = ["PUBLIC_FIELDS", "public_view"]
