"""What a person sees: the CLI, the web app, briefings and exports."""
