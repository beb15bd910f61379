"""Import and export: files in and out of FlexDesk (XLSX/CSV), accounts for imported staff."""
