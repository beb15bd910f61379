"""Pegawai page: searchable lazy table, add and edit."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services import units
from flexdesk.services.employees import EmployeeFilter
from flexdesk.services.permissions import Action
from flexdesk.services.units import UnitRow
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.employee_dialog import EmployeeDialog
from flexdesk.ui.pages.employee_model import EmployeeTableModel


class EmployeesPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: EmployeeDialog | None = None
        #: the employee to select once the list shows it (after a save)
        self._select_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        title = QLabel("<h2>" + self.tr("Pegawai") + "</h2>")
        layout.addWidget(title)
        layout.addLayout(self._build_bar())
        self.model = EmployeeTableModel(ctx, self)
        layout.addWidget(self._build_table(), 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        self._connect()
        self._load_units()
        self._update_count()
        ctx.events.follow(self, ["employees", "units"], self.reload)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("employee_search")
        self.search.setPlaceholderText(self.tr("Cari nama, NIP atau jabatan… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("unit_filter")
        self.unit_filter.setMinimumContentsLength(18)
        self.inactive = QCheckBox(self.tr("Tampilkan nonaktif"))
        self.add_button = QPushButton(self.tr("Tambah pegawai"))
        self.add_button.setObjectName("add_employee")
        self.add_button.setToolTip(self.tr("Tambah pegawai (Ctrl+N)"))
        self.add_button.setVisible(self.ctx.actor.can(Action.EMPLOYEE_CREATE))
        # Impor…/Ekspor… (flexdesk.ui.pages.transfer): files in and out, the admin's
        self.import_button = QPushButton(self.tr("Impor…"))
        self.import_button.setObjectName("import_employees")
        self.import_button.setVisible(self.ctx.actor.can(Action.EMPLOYEE_CREATE))
        self.export_button = QPushButton(self.tr("Ekspor…"))
        self.export_button.setObjectName("export_employees")
        self.export_button.setVisible(self.ctx.actor.can(Action.EMPLOYEE_EDIT_ANY))
        bar.addWidget(self.search, 3)
        bar.addWidget(self.unit_filter, 1)
        bar.addWidget(self.inactive)
        bar.addWidget(self.add_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        return bar

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName("employee_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Fits a 1280-px window without a side scroll; long text is elided (full text in the
        # tooltip and the edit dialog) and every column can be widened by the user.
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(0, metrics.horizontalAdvance("19871002 200901 2 581") + 18)
        for col, width in ((2, 170), (3, 180), (4, 150), (5, 170)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return self.table

    def _connect(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.unit_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.inactive.toggled.connect(lambda _c: self.apply_filter())
        self.add_button.clicked.connect(self.add_employee)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.open_export)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.activated.connect(self._edit_index)
        self.model.loaded.connect(self._loaded)
        self.model.rowsInserted.connect(lambda *_a: self._seek())
        self.model.failed.connect(
            lambda exc: QMessageBox.warning(self, self.tr("Pegawai"), self.ctx.message(exc))
        )

        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        new = QAction(self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.add_employee)
        self.addAction(new)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _load_units(self) -> None:
        QueryOp(self.ctx, units.list_units).on_success(self._show_units).run(parent=self)

    def _show_units(self, rows: list[UnitRow]) -> None:
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("Semua unit"), None)
        for unit in rows:
            self.unit_filter.addItem(unit.name, unit.id)
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findData(current), 0))
        self.unit_filter.blockSignals(False)

    def reload(self) -> None:
        """After a change to employees or units (the change bus), not at every show; the
        selected employee stays selected (the change may have come from another PC while the
        user was working in this list)."""
        if self._select_id is None:
            rows = self.table.selectionModel().selectedRows()
            if rows:
                self._select_id = self.model.row_data(rows[0].row()).id
        self._load_units()
        self.apply_filter()

    def current_filter(self) -> EmployeeFilter:
        return EmployeeFilter(
            text=self.search.text(),
            unit_id=self.unit_filter.currentData(),
            include_inactive=self.inactive.isChecked(),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())  # the count follows when it is in

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} pegawai").format(n=self.model.total))

    def add_employee(self) -> None:
        if self.ctx.actor.can(Action.EMPLOYEE_CREATE):
            self._open_dialog(EmployeeDialog(self.ctx, parent=self))

    def open_import(self) -> None:
        from flexdesk.ui.pages.transfer.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, parent=self)
        self.transfer_dialog: object = dialog
        dialog.open()

    def open_export(self) -> None:
        from flexdesk.ui.pages.transfer.export_dialog import ExportDialog

        dialog = ExportDialog(self.ctx, parent=self)
        self.transfer_dialog = dialog
        dialog.open()

    def _open_dialog(self, dialog: EmployeeDialog) -> None:
        """Window-modal and non-blocking (``open``, not ``exec``): the page stays responsive
        and tests can drive the dialog like a user."""
        self.dialog = dialog

        def done() -> None:
            if dialog.saved is not None:
                self._after_save(dialog.saved.id)

        dialog.accepted.connect(done)
        dialog.open()

    def _edit_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_data(index.row())
        if not (
            self.ctx.actor.can(Action.EMPLOYEE_EDIT_ANY) or self.ctx.actor.employee_id == row.id
        ):
            return
        self._open_dialog(EmployeeDialog(self.ctx, existing=row, parent=self))

    def _after_save(self, employee_id: str) -> None:
        """The save published "employees": the list reloads; select the row once it is in."""
        self._select_id = employee_id
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.model.busy:  # (the reload came and went already)
            self._seek()

    def _loaded(self) -> None:
        self._update_count()
        self._seek()

    def _seek(self) -> None:
        """Select the employee just saved, fetching further pages until it is there."""
        if self._select_id is None:
            return
        row = self.model.row_of(self._select_id)
        if row >= 0:
            self._select_id = None
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        elif self.model.canFetchMore():
            self.model.fetchMore()
        elif not self.model.busy:
            self._select_id = None  # not in this list (filtered out)
