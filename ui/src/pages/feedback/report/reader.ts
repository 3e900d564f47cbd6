// The fellow's own part of a report, in the reader's words: the fellow reads "You" and "your";
// faculty and a host sponsor read the fellow's name, so the report never calls them the subject.
export type ReportReader = {
  /** The short label for the fellow's own rating, on the chart and in the table: "You" or "Self". */
  self: string;
  /** "you" or "Sam Fellow", mid-sentence. */
  subject: string;
  /** "your" or "Sam Fellow's", mid-sentence. */
  possessive: string;
};

export function reportReader(fellowName: string, own: boolean): ReportReader {
  return own
    ? { self: 'You', subject: 'you', possessive: 'your' }
    : { self: 'Self', subject: fellowName, possessive: `${fellowName}'s` };
}

/** The text with its first letter a capital, to start a sentence. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
