"""The report's blocks as one self-contained HTML file: inline CSS and SVG charts drawn here,
no script, no web font, nothing fetched. Colours come from the light theme's TOML."""

from __future__ import annotations

import html
import tomllib

from xiaobian import paths
from xiaobian.analytics.report_doc import Block, Chart, Heading, Items, Para, Table

THEME = "xiaobian-light"
BAR_W, GAP, CHART_H, LEFT, BOTTOM = 34, 8, 160, 56, 72


def theme_colours(name: str = THEME) -> dict[str, str]:
    """The theme's base colours; an unreadable theme leaves the browser's defaults."""
    try:
        data = tomllib.loads((paths.builtin_theme_dir() / f"{name}.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str) and v.startswith("#")}


def _label(value: float, unit: str) -> str:
    return f"{value * 100:.1f}%" if unit == "percent" else f"{value:,.0f}"


def svg_bars(chart: Chart) -> str:
    """A bar chart, each bar labelled with its value; the title is the accessible name."""
    top = max(chart.values, default=0) or 1
    width = LEFT + len(chart.values) * (BAR_W + GAP) + GAP
    height = CHART_H + BOTTOM + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}"'
             + f' viewBox="0 0 {width} {height}"><title>{html.escape(chart.title)}</title>',
             f'<line class="axis" x1="{LEFT}" y1="{CHART_H + 10}" x2="{width}" y2="{CHART_H + 10}"/>']
    for i, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        h = round(value / top * (CHART_H - 10))
        x = LEFT + GAP + i * (BAR_W + GAP)
        parts.append(f'<rect class="bar" x="{x}" y="{CHART_H + 10 - h}" width="{BAR_W}" height="{h}">'
                     f'<title>{html.escape(label)}: {_label(value, chart.unit)}</title></rect>')
        parts.append(f'<text class="tick" x="{x + BAR_W / 2}" y="{CHART_H + 6 - h}" text-anchor="middle">'
                     f'{_label(value, chart.unit)}</text>')
        parts.append(f'<text class="tick" x="{x + BAR_W / 2}" y="{CHART_H + 24}" text-anchor="end"'
                     f' transform="rotate(-45 {x + BAR_W / 2} {CHART_H + 24})">{html.escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _style(c: dict[str, str]) -> str:
    def var(name: str, prop: str) -> str:
        return f"{prop}: {c[name]};" if name in c else ""
    border = f"border-bottom: 1px solid {c['panel']};" if "panel" in c else ""
    return (f"body {{ font-family: system-ui, 'Noto Sans TC', 'PingFang TC', sans-serif; max-width: 72rem; margin: 2rem auto;"
            f" padding: 0 1rem; {var('background', 'background')} {var('foreground', 'color')} }}"
            f" h1, h2, h3 {{ {var('primary', 'color')} }}"
            f" table {{ border-collapse: collapse; margin: 0.5rem 0 1rem; }}"
            f" th, td {{ padding: 0.25rem 0.6rem; text-align: left; {border} }}"
            f" td.n, th.n {{ text-align: right; font-variant-numeric: tabular-nums; }}"
            f" th {{ {var('surface', 'background')} }}"
            f" svg .bar {{ {var('primary', 'fill')} }} svg .axis {{ {var('foreground', 'stroke')} }}"
            f" svg .tick {{ font-size: 10px; {var('foreground', 'fill')} }}"
            f" figure {{ margin: 0.5rem 0 1.5rem; }} figcaption {{ font-size: 0.9rem; }}")


def _cell(tag: str, text: str, numeric: bool) -> str:
    attr = ' class="n"' if numeric else ""
    return f"<{tag}{attr}>{html.escape(text)}</{tag}>"


def render_html(blocks: list[Block], lang: str = "en") -> str:
    esc = html.escape
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    out = ["<!doctype html>", f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(title)}</title><style>{_style(theme_colours())}</style></head><body>"]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{esc(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            out.append(f"<p>{esc(block.text)}</p>")
        elif isinstance(block, Items):
            out.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            n = block.numeric
            out.append("<table><thead><tr>" + "".join(_cell("th", h, i in n) for i, h in enumerate(block.header))
                       + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(_cell("td", c, i in n) for i, c in enumerate(row)) + "</tr>"
                                 for row in block.rows) + "</tbody></table>")
        elif isinstance(block, Chart) and block.values:
            out.append(f"<figure>{svg_bars(block)}<figcaption>{esc(block.title)}</figcaption></figure>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
