"""FlexDesk: offline flexible-work planning, output logging, evaluations and signed sync bundles
for small Indonesian civil-service offices."""

__version__ = "0.1.0"
APP_NAME = "FlexDesk"
