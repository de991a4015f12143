"""Walking the accessibility tree as assistive technology sees it (shared by the GUI tests)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

Role = QAccessible.Role

# Roles a user operates; each needs a name a screen reader can say.
INTERACTIVE = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.Slider,
    Role.SpinBox,
    Role.PageTab,
    Role.PageTabList,
    Role.Link,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.Table,
    Role.Tree,
    Role.List,
    Role.MenuItem,
    Role.ScrollBar,
    Role.ProgressBar,
}
# Rows and cells are named by their text, read from the model.
ITEMS = {Role.Cell, Role.Row, Role.ListItem, Role.TreeItem, Role.ColumnHeader, Role.RowHeader}


@dataclass
class Node:
    role: QAccessible.Role
    name: str
    description: str
    focusable: bool
    path: str


def walk(widget: QWidget, limit: int = 5000, hidden: bool = False) -> list[Node]:
    """Every visible node under ``widget`` (depth first; ``hidden``: the others too)."""
    root = QAccessible.queryAccessibleInterface(widget)
    assert root is not None
    nodes: list[Node] = []

    def visit(iface: QAccessibleInterface, path: str) -> None:
        if len(nodes) >= limit or not iface.isValid():
            return
        state = iface.state()
        if state.invisible and not hidden:
            return
        role = iface.role()
        name = iface.text(QAccessible.Text.Name) or ""
        obj = iface.object()
        label = obj.objectName() if obj is not None and obj.objectName() else role.name
        here = f"{path}/{label}"
        nodes.append(
            Node(role, name, iface.text(QAccessible.Text.Description) or "", state.focusable, here)
        )
        for i in range(iface.childCount()):
            child = iface.child(i)
            if child is not None:
                visit(child, here)

    visit(root, "")
    return nodes


def unnamed(widget: QWidget) -> list[str]:
    """The focusable or interactive nodes with no accessible name."""
    return [
        f"{n.path} ({n.role.name})"
        for n in walk(widget)
        if (n.focusable or n.role in INTERACTIVE) and n.role not in ITEMS and not n.name.strip()
    ]
