"""The bundle format: canonical JSON, BagIt tag files, names inside a bundle, the data
classes of its metadata (model, records, fields, results) and the safe zip reader."""
