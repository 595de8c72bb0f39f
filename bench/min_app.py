"""The baseline for bench/startup.py: a bare Textual app with a Header, a DataTable and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class MinApp(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Pl", "Age", "Author", "Status", "Comment")
        table.add_rows([("FB", f"{i}h", "小安", "new", "請問還有貨嗎") for i in range(40)])


if __name__ == "__main__":
    MinApp().run()
