"""Evaluasi: periodic performance evaluation (PermenPANRB 6/2022), the form editor, the unit's
predikat distribution, and the printed form (preview, print, batch export).

``evaluation_page`` is the main window's page factory.
"""
