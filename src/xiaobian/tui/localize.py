"""Bindings declare catalog keys as descriptions; instances show them in the active language.

Declaring ``Binding("q", "quit", "key.quit", id="app-quit")`` keeps bindings plain data (ids for
the user keymap), while the language is chosen at run time rather than at import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from xiaobian.i18n import catalog, t


def label(text: str) -> str:
    """A binding's description in the active language: one of our catalog keys, or one of
    Textual's own English labels ("Focus Next", "palette"), or else the text as it is."""
    if not text:
        return ""
    known = catalog("en")
    key = text if text in known else f"textual.{text}"
    return t(key) if key in known else text


def localize_bindings(node: DOMNode) -> None:
    keys = {
        key: [replace(b, description=label(b.description), tooltip=label(b.tooltip))
              for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def binding_maker(screen: str, *, labels: str = "", show: bool = True) -> Callable[..., Binding]:
    """A screen's binding helper: ids ``<screen>-<id>`` (the names the keymap uses),
    descriptions the catalog key ``<labels><label>``, in the footer unless ``show=False``."""

    def binding(key: str, action: str, label: str, id_: str, show: bool = show) -> Binding:
        return Binding(key, action, f"{labels}{label}", id=f"{screen}-{id_}", show=show)

    return binding
