"""One module per command family; each exports COMMANDS, a list of click commands."""
