-- Today: "what changed since your last visit" needs the sign-in before this one.
ALTER TABLE users ADD COLUMN last_visit_at TEXT;
ALTER TABLE users ADD COLUMN previous_visit_at TEXT;

-- Each point of a 360 scale can say what it means, shown to raters and to the fellow. Every
-- version of the Healthcare Leadership Model's scale (and any scale reusing its labels) gets
-- a plain description of each level.
ALTER TABLE framework_scale_points ADD COLUMN description TEXT NOT NULL DEFAULT '';
UPDATE framework_scale_points SET description = CASE label
    WHEN 'Essential' THEN 'Shows this behaviour some of the time: the basics are in place.'
    WHEN 'Proficient' THEN 'Shows this behaviour reliably in their own work.'
    WHEN 'Strong' THEN 'Shows this behaviour consistently and helps the people around them do the same.'
    WHEN 'Exemplary' THEN 'Shows this behaviour in complex and difficult situations; a model for others across the organisation.'
    ELSE description END
WHERE description = '';

-- Today asks for open actions by due date across the programme.
CREATE INDEX IF NOT EXISTS actions_due ON actions(due_date) WHERE status <> 'done';
