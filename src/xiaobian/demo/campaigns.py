"""The demo's two campaigns and their checklists, dated relative to today."""

from __future__ import annotations

from datetime import date, timedelta

PHASES = ("預熱 warm-up", "開跑 launch", "加碼 boost", "收尾 wrap-up")


def _items(launch: date, today: date, plan: list[tuple[int, int, str, str, str]]) -> list[tuple]:
    rows = []
    for position, (phase, offset, title, owner, department) in enumerate(plan):
        due = launch + timedelta(days=offset)
        done = due < today - timedelta(days=2) and position % 5 != 3  # a few left overdue
        rows.append((PHASES[phase], position, title, owner, department, due.isoformat(),
                     "done" if done else "todo", "", due.isoformat() + "T10:00:00Z" if done else None))
    return rows


def campaign_rows(today: date) -> list[tuple[dict, list[tuple]]]:
    launch = today - timedelta(days=10)
    giveaway = today + timedelta(days=5)
    return [
        ({"name": "冬季限定 焦糖肉桂拿鐵 上市", "kind": "launch", "starts_on": (launch - timedelta(days=14)).isoformat(),
          "ends_on": (launch + timedelta(days=30)).isoformat(), "launch_on": launch.isoformat(),
          "stage": PHASES[2], "owner": "小雯", "notes": "主打 IG Reels 與門市試飲"},
         _items(launch, today, [
             (0, -14, "確認新品名稱與售價", "小雯", "行銷"), (0, -10, "拍攝產品照與 Reels 素材", "阿哲", "設計"),
             (0, -7, "預告貼文排程（IG、FB、Threads）", "小雯", "行銷"), (0, -3, "門市試飲教育訓練", "Mandy", "門市"),
             (1, 0, "上市貼文發布", "小雯", "行銷"), (1, 0, "LINE 推播", "小柯", "行銷"),
             (1, 1, "留言 FAQ 準備給客服", "小柯", "客服"), (2, 7, "KOL 合作貼文", "小雯", "行銷"),
             (2, 10, "加碼限時優惠", "Mandy", "電商"), (3, 30, "成效報告與檢討", "小雯", "行銷")])),
        ({"name": "留言抽 耶誕禮盒", "kind": "giveaway", "starts_on": giveaway.isoformat(),
          "ends_on": (giveaway + timedelta(days=10)).isoformat(), "launch_on": giveaway.isoformat(),
          "stage": PHASES[0], "owner": "小柯", "notes": "留言+標記兩位好友，排除員工帳號"},
         _items(giveaway, today, [
             (0, -7, "抽獎辦法與法務確認", "小柯", "法務"), (0, -5, "活動主視覺", "阿哲", "設計"),
             (1, 0, "活動貼文發布", "小柯", "行銷"), (2, 5, "中途提醒貼文", "小柯", "行銷"),
             (3, 10, "抽出得獎者並公布", "小柯", "行銷"), (3, 14, "寄送獎品", "Mandy", "電商")])),
    ]
