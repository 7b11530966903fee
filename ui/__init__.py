"""The Qt Widgets front end of SSA Wizard. It uses ``ssa_wizard``; never the reverse."""
