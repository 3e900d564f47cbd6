// What the core asks of a new password (src/auth.rs): at least 12 characters and not easily
// guessed. Said the same way on every form where someone chooses one.
export const PASSWORD_HINT = 'At least 12 characters. A few unrelated words together work well.';
