/** Cookie (and localStorage key) holding the admin's colour scheme: "dark" or "light". */
export const THEME_COOKIE = "console-theme";
