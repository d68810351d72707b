using System.Text.Json;
using Apache.Arrow;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Batches;

/// <summary>
/// Turns JSON records into an Arrow record batch, inferring the schema from the records of the batch: one column per
/// top-level key, in first-seen order. Per column: booleans are Boolean; integers that fit a long Int64; numbers with a
/// fraction or beyond a long (alone or mixed with integers) Float64; strings that all are RFC 3339 timestamps with a
/// zone Timestamp (microseconds, UTC); strings that all are <c>yyyy-MM-dd</c> Date; other strings Utf8; objects,
/// arrays and columns whose values mix kinds Json (the values' JSON text); columns with no value Utf8. Null and absent
/// are both null; of a key repeated in one object the last value counts.
/// </summary>
public static class JsonBatches
{
    /// <summary>Builds one batch of <paramref name="records"/> (JSON objects) for <paramref name="table"/>.</summary>
    /// <param name="table">The table, named in errors and in the schema.</param>
    /// <param name="records">The records; each must be a JSON object.</param>
    /// <param name="locator">Where the records came from (see <see cref="SourceBatch.Locator"/>); named in errors.</param>
    /// <param name="primaryKey">Columns every record must hold a non-null value for; marked non-nullable.</param>
    /// <exception cref="ConnectorException">
    /// <see cref="ConnectorErrorKind.SchemaIncompatible"/>: a record is not an object, or lacks a primary key value.
    /// </exception>
    public static SourceBatch Build(string table, IReadOnlyList<JsonElement> records, string locator, IReadOnlyList<string> primaryKey)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(primaryKey);
        var fields = new JsonFieldMap();
        var types = Infer(table, records, locator, primaryKey, fields);

        var writers = new JsonColumnWriter[types.Length];
        var columns = new ColumnDefinition[types.Length];
        var schema = new Schema.Builder();
        for (var i = 0; i < types.Length; i++)
        {
            var name = fields.Names[i];
            var nullable = !primaryKey.Contains(name);
            writers[i] = JsonColumnWriter.Create(types[i], records.Count);
            columns[i] = new ColumnDefinition(name, types[i], nullable);
            schema.Field(new Field(name, JsonColumnWriter.ArrowType(types[i]), nullable));
        }

        foreach (var record in records)
        {
            fields.Gather(record);
            var row = fields.Row;
            for (var i = 0; i < writers.Length; i++)
            {
                writers[i].Append(row[i]);
            }
        }

        var batch = new RecordBatch(schema.Build(), writers.Select(writer => writer.Build()), records.Count);
        return new SourceBatch(batch, locator, new TableSchema(table, null, columns, primaryKey));
    }

    // The first pass: finds the columns, what their values look like, and rejects records that cannot be rows.
    private static ColumnType[] Infer(string table, IReadOnlyList<JsonElement> records, string locator, IReadOnlyList<string> primaryKey, JsonFieldMap fields)
    {
        var traits = new JsonColumnTraits[16];
        for (var position = 0; position < records.Count; position++)
        {
            var record = records[position];
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw Incompatible(table, locator, position, $"is a JSON {Describe(record.ValueKind)}, not an object; a source must yield one JSON object per record");
            }

            fields.Gather(record);
            var row = fields.Row;
            if (row.Length > traits.Length)
            {
                System.Array.Resize(ref traits, Math.Max(traits.Length * 2, row.Length));
            }

            for (var i = 0; i < row.Length; i++)
            {
                if (row[i].ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
                {
                    traits[i].Observe(row[i]);
                }
            }

            foreach (var key in primaryKey)
            {
                var column = fields.IndexOf(key);
                if (column < 0 || row[column].ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    throw Incompatible(table, locator, position,
                        $"has no value for primary key column '{key}' (it is missing or null); every record needs one, or the table's primary key is wrong");
                }
            }
        }

        var types = new ColumnType[fields.Names.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = traits[i].Resolve();
        }

        return types;
    }

    private static ConnectorException Incompatible(string table, string locator, int position, string problem) =>
        new(ConnectorErrorKind.SchemaIncompatible, $"Table '{table}': record {position + 1} of the batch from {locator} {problem}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
