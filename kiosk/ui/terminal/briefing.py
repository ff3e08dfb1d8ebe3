"""安全须知: the short safety briefing of a hazardous job, one block per hazard tag
(pictogram, title, points, the equipment to wear, where the facts come from), read before
a 我想干 request goes to the counter and acknowledged with 我已知晓.

The texts are the city's (kiosk.core.safety_content, a signed asset); the voice plays the
recorded summary of each tag (kiosk.ui.voice.BRIEFING_PROMPTS), since the touchscreen
speaks only prompts recorded in advance.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.errors import N_
from kiosk.core.hazards import gear_list, hazard_list
from kiosk.core.i18n import translate
from kiosk.core.records import Hazard
from kiosk.core.safety_content import Briefing
from kiosk.ui.pictograms import hazard_pixmap
from kiosk.ui.terminal.base import Session
from kiosk.ui.voice import BRIEFING_PROMPTS
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.page_stack import TallPage
from kiosk.ui.widgets.reading import ReadingLabel

INTRO = N_("Safety first: please read the points for this job, then tap I understand.")
PICTOGRAM_PX = 96


class BriefingPage(TallPage):
    """Shows the briefings given to `show_briefings`; `acknowledged` on 我已知晓."""

    acknowledged = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.briefings: tuple[Briefing, ...] = ()
        self._large = False
        self.intro = label("", "licence")
        self.blocks = QGridLayout()
        self.blocks.setHorizontalSpacing(20)
        self.blocks.setVerticalSpacing(12)
        self.ack = big_button("", "primary")
        self.ack.clicked.connect(self.acknowledged.emit)
        self.replay = big_button("", "secondary")
        self.replay.clicked.connect(self.speak)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(20)
        row.addWidget(self.replay, 1)
        row.addWidget(self.ack, 2)
        # the buttons under the intro: in view at any size (a long briefing in 大字
        # scrolls below them), as the intro says what to read before tapping
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addLayout(self.blocks)
        layout.addStretch(1)

    def set_large(self, large: bool) -> None:
        self._large = large
        self._fill()

    def show_briefings(self, briefings: tuple[Briefing, ...]) -> None:
        self.briefings = briefings
        self._fill()
        self.speak()

    def speak(self) -> None:
        """The intro, then each tag's recorded summary."""
        voice = self.session.voice
        if voice is None:
            return
        clips = [INTRO] + [BRIEFING_PROMPTS[b.hazard] for b in self.briefings]
        voice.say_all(clips, self.session.t.language)

    def text(self) -> str:
        """Everything the page says (for tests and screenshots' checks)."""
        parts = [self.intro.text()]
        for i in range(self.blocks.count()):
            item = self.blocks.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.text():
                parts.append(widget.text())
        return "\n".join(parts)

    def retranslate(self) -> None:
        t = self.session.t
        self.intro.setText(t(INTRO))
        self.ack.setText(t(N_("I understand")))
        self.replay.setText(t(N_("Listen again")))
        self._fill()

    def _fill(self) -> None:
        while self.blocks.count():
            item = self.blocks.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        t, language = self.session.t, self.session.t.language
        lang = "en" if language == "en" else "zh"
        side = PICTOGRAM_PX * (3 if self._large else 2) // 2
        for row, briefing in enumerate(self.briefings):
            picture = QLabel()
            picture.setPixmap(hazard_pixmap(briefing.hazard.value, side))
            picture.setAlignment(Qt.AlignmentFlag.AlignTop)
            lines = [f"{i}. {p}" for i, p in enumerate(briefing.points(lang), 1)]
            if briefing.gear:
                lines.append(t(N_("Wear: {gear}")).format(
                    gear=gear_list(briefing.gear, language)))
            body = ReadingLabel(briefing.title(lang) + "\n" + "\n".join(lines))
            source = label(t(N_("Source: {source}")).format(source=briefing.source), "hint")
            for widget in (body, source):  # styled before laid out: heights from the
                widget.setParent(self)      # large type, not the default font
                widget.ensurePolished()
            self.blocks.addWidget(picture, row * 2, 0, 2, 1)
            self.blocks.addWidget(body, row * 2, 1)
            self.blocks.addWidget(source, row * 2 + 1, 1)
        self.blocks.setColumnStretch(1, 1)


class HazardRow(QWidget):
    """A job's hazard tags: their pictograms and names in one line (hidden with none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._pictures: list[QLabel] = []
        self.names = label("", "licence")
        self._row.addWidget(self.names, 1)
        self.hide()

    def set_tags(self, tags: tuple[Hazard, ...], language: str) -> None:
        for picture in self._pictures:
            self._row.removeWidget(picture)
            picture.deleteLater()
        self._pictures = []
        for i, tag in enumerate(tags):
            picture = QLabel()
            picture.setPixmap(hazard_pixmap(tag.value, PICTOGRAM_PX * 2 // 3))
            self._row.insertWidget(i, picture)
            self._pictures.append(picture)
        names = hazard_list(tags, language)
        self.names.setText(translate(N_("Hazardous work: {hazards}"), language).format(
            hazards=names) if names else "")
        self.setVisible(bool(tags))
