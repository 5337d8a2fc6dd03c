"""The portal's date formats per language (FORMAT_MODULE_PATH): Django's defaults where they are
not overridden here."""
