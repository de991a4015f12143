"""The first-run page: what the app does, and the two ways to fill an empty library."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from readinglist.gui.icons import app_icon, icon


class WelcomePage(QWidget):
    """Shown instead of the paper list while the library is empty."""

    importSamplesRequested = Signal()
    importFileRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        column = QVBoxLayout()
        column.setSpacing(14)

        logo = QLabel()
        logo.setObjectName("welcomeLogo")
        pixmap = app_icon().pixmap(QSize(96, 96))
        if pixmap.isNull():
            pixmap = icon("book").pixmap(QSize(96, 96))
        logo.setPixmap(pixmap)
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(logo)

        title = QLabel(self.tr("Welcome to readinglist"))
        title.setObjectName("welcomeTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)

        text = QLabel(
            self.tr(
                "Your library is empty. Import the “Publications” listing of a research lab"
                " (a plain-text file) to browse its papers, pick what to read next, rate them,"
                " tag them and keep notes. Everything stays on this computer."
            )
        )
        text.setObjectName("welcomeText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Centred by stretches, not by an alignment flag: a wrapped label
        # placed with an alignment is given one line of height and clipped.
        text.setFixedWidth(540)
        text.setMinimumHeight(text.heightForWidth(540))
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(text)
        text_row.addStretch(1)
        column.addLayout(text_row)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addStretch(1)
        self.samples_button = QPushButton(icon("book"), self.tr("Import the &sample listings"))
        self.samples_button.setObjectName("importSamplesButton")
        self.samples_button.setAccessibleName(self.tr("Import the sample listings"))
        self.samples_button.setDefault(True)
        self.samples_button.setAutoDefault(True)
        self.samples_button.setMinimumHeight(36)
        self.samples_button.clicked.connect(self.importSamplesRequested)
        buttons.addWidget(self.samples_button)
        self.file_button = QPushButton(icon("import"), self.tr("Import a &listing…"))
        self.file_button.setObjectName("importFileButton")
        self.file_button.setAccessibleName(self.tr("Import a listing"))
        self.file_button.setAutoDefault(True)
        self.file_button.setMinimumHeight(36)
        self.file_button.clicked.connect(self.importFileRequested)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        hint = QLabel(self.tr("You can also drop listing files onto this window."))
        hint.setObjectName("welcomeHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setEnabled(False)
        column.addWidget(hint)

        outer.addLayout(column)
        outer.addStretch(3)
        self.setFocusProxy(self.samples_button)
