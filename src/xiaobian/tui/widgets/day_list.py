"""DayList: the posts of a span of days as lines, one of them under the cursor.

The calendar shows the selected day in it (beside or under the grid), and the agenda view
shows the next two weeks in it. Titles are stranger-proof ``Content``; colours are theme
variables.
"""

from __future__ import annotations

from datetime import date, tzinfo

from textual.content import Content
from textual.widgets import Static

from xiaobian.i18n import t
from xiaobian.planning.period import Period
from xiaobian.store.calendar import Entry
from xiaobian.timeutil import from_iso
from xiaobian.tui.safe_text import one_line, safe_text
from xiaobian.tui.widgets.calendar_grid import STATUS_GLYPHS
from xiaobian.tui.widgets.cells import platform_badge


def day_heading(day: date) -> str:
    return t("calendar.day_heading", date=f"{day:%Y-%m-%d}", weekday=t(f"calendar.weekday.{day.weekday()}"))


def entry_line(entry: Entry, tz: tzinfo, *, selected: bool) -> Content:
    """``◔ 20:00 IG 冬季限定…``; the selected post gets a second line: status, platforms, campaign."""
    when = from_iso(entry.at).astimezone(tz).strftime("%H:%M") if entry.at else "--:--"
    line = Content.assemble(
        Content.styled("▶ " if selected else "  ", "bold $accent"),
        Content.styled(STATUS_GLYPHS.get(entry.status, "?") + " ", f"$post-{entry.status}"),
        Content(f"{when} "), Content.styled(platform_badge(entry.platform), f"bold $platform-{entry.platform}"),
        Content(" "), safe_text(one_line(entry.title, 80), style="bold" if selected else ""))
    if not selected:
        return line
    details = [Content.styled(t(f"post_status.{entry.status}"), f"$post-{entry.status}"),
               Content(" ").join(Content.styled(platform_badge(p), f"bold $platform-{p}") for p in entry.platforms)]
    if entry.campaign:
        details.append(safe_text(one_line(entry.campaign, 30), style="$text-muted"))
    return Content.assemble(line, "\n    ", Content(" · ").join(details))


class DayList(Static):
    DEFAULT_CSS = "DayList { height: auto; padding: 0 1; }"

    def show(self, days: list[date], period: Period, tz: tzinfo, selected: tuple[date, int] | None,
             *, show_undated: bool = False) -> None:
        lines: list[Content] = []
        told: set = set()  # over several days, a quiet run is named once, on its first day here
        for day in days:
            theme = period.themes.get(f"{day:%Y-%m}")
            heading = day_heading(day) + (f" · {one_line(theme, 30)}" if theme and day.day == 1 or
                                          theme and len(days) == 1 else "")
            lines.append(Content.styled(heading, "bold"))
            entries = period.day(day)
            if not entries and len(days) == 1:
                lines.append(Content.styled("  " + t("calendar.no_posts"), "$text-muted"))
            for index, entry in enumerate(entries):
                lines.append(entry_line(entry, tz, selected=selected == (day, index)))
            for gap in period.gaps_on(day):
                if gap in told:
                    continue
                told.add(gap)
                lines.append(Content.styled(
                    "  ! " + t("calendar.gap", platform=t(f"platform.{gap.platform}"), first=f"{gap.first:%m/%d}",
                               last=f"{gap.last:%m/%d}", days=gap.days), "$calendar-gap"))
        if show_undated and period.undated:
            lines.append(Content.styled(t("calendar.undated"), "bold"))
            lines += [entry_line(e, tz, selected=False) for e in period.undated[:20]]
        self.update(Content("\n").join(lines))
