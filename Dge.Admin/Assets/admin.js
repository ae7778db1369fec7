// Shared behaviour of the admin pages (progressive enhancement: every page works without it).
