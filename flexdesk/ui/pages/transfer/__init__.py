"""Import and export: the import dialog with its preview, export actions, first password."""
