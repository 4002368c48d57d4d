// A character drawn, outside ASCII: one a zero-width joiner or non-joiner (U+200D, U+200C) can join
// to another, where emoji and scripts need one (a regular expression's class). Kept between two
// such characters in a profile's name (app/profiles.ts) and in the command line's terminal output
// (main/cli/format/terminal-safe.ts). A module of its own: the command line's request path loads
// no profile code.
export const JOINABLE = String.raw`[^\s\p{ASCII}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]`;
