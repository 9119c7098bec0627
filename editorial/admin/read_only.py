"""What a change form shows when every field is read-only and its buttons are actions of their own."""

# The change form's context without its save buttons (inbox items, changed originals, failed jobs).
READ_ONLY_FORM = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False,
                  "show_delete": False}
