import type Database from 'better-sqlite3';

/**
 * A `prepare` that keeps each statement: preparing costs more than running a one-row query, and an
 * unreleased statement per call grows native memory while the UI pages through pairs or a save
 * records thousands of decisions. One per connection: statements belong to it.
 */
export function preparedOnce(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
