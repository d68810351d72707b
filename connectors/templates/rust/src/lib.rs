//! {{name}}: a source connector that reads pages of `GET <base_url>/items?limit=<page_size>[&after=<cursor>]`,
//! one Arrow batch per page. Start here: change the URL, the columns and `columns()` to fit your API.

use hakiri_connector::arrow::{self, Values};
use hakiri_connector::host::{self, HttpRequest, LogLevel};
use hakiri_connector::json::{self, Value};
use hakiri_connector::{Batch, Column, ColumnType, ConnectorError, Reader, Source, TableSchema};

const TABLE: &str = "items";
const DEFAULT_PAGE_SIZE: u32 = 100;
const DEFAULT_RETRY_MS: u64 = 1000;

/// The source; [`Source`] is what the host calls.
struct Items;

hakiri_connector::export_source!(Items);

impl Source for Items {
    fn discover() -> Result<Vec<TableSchema>, ConnectorError> {
        let base_url = base_url()?;
        Ok(vec![TableSchema {
            name: TABLE.to_string(),
            description: Some(format!("Items from {base_url}")),
            columns: vec![
                Column::new("id", ColumnType::Int64, false),
                Column::new("name", ColumnType::Utf8, true),
                Column::new("score", ColumnType::Float64, true),
                Column::new("active", ColumnType::Boolean, true),
                Column::new("note", ColumnType::Utf8, true),
            ],
            primary_key: vec!["id".to_string()],
        }])
    }

    fn open(table: &str, cursor: Option<&[u8]>) -> Result<Box<dyn Reader>, ConnectorError> {
        if table != TABLE {
            return Err(ConnectorError::Permanent(format!("table {table} does not exist; this connector reads only {TABLE}")));
        }
        // An empty cursor is what a read that found nothing leaves: start from the beginning again.
        let after = match cursor {
            None | Some([]) => None,
            Some(bytes) => Some(parse_cursor(bytes)?),
        };
        Ok(Box::new(ItemsReader {
            base_url: base_url()?.trim_end_matches('/').to_string(),
            page_size: page_size()?,
            token: token()?,
            after,
            done: false,
        }))
    }
}

fn base_url() -> Result<String, ConnectorError> {
    host::config("base_url").ok_or_else(|| ConnectorError::Permanent("config key base_url is missing".to_string()))
}

fn page_size() -> Result<u32, ConnectorError> {
    match host::config("page_size") {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(text) => match text.trim().parse::<u32>() {
            Ok(size) if size > 0 => Ok(size),
            _ => Err(ConnectorError::Permanent(format!("config key page_size is {text:?}; use a whole number above 0"))),
        },
    }
}

/// The bearer token, read from the environment variable `token_env` names, when it names one.
fn token() -> Result<Option<String>, ConnectorError> {
    let name = match host::config("token_env") {
        Some(name) => name,
        None => return Ok(None),
    };
    match host::env(&name) {
        Some(value) => Ok(Some(value)),
        None => Err(ConnectorError::Permanent(format!(
            "environment variable {name} (config key token_env) is not set or not granted; set it and grant env:{name}"
        ))),
    }
}

fn parse_cursor(bytes: &[u8]) -> Result<i64, ConnectorError> {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| text.parse::<i64>().ok())
        .ok_or_else(|| ConnectorError::Permanent(format!("cursor {:?} is not the decimal id this connector writes", String::from_utf8_lossy(bytes))))
}

struct ItemsReader {
    base_url: String,
    page_size: u32,
    token: Option<String>,
    after: Option<i64>,
    done: bool,
}

impl Reader for ItemsReader {
    fn next(&mut self) -> Result<Option<Batch>, ConnectorError> {
        if self.done {
            return Ok(None);
        }
        let mut url = format!("{}/items?limit={}", self.base_url, self.page_size);
        if let Some(after) = self.after {
            url.push_str(&format!("&after={after}"));
        }
        let mut request = HttpRequest::get(&url).header("Accept", "application/json");
        if let Some(token) = &self.token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let response = host::http_fetch(&request)?;
        match response.status {
            200 => {}
            429 => {
                let seconds = response.header("Retry-After").and_then(|s| s.trim().parse::<u64>().ok());
                return Err(ConnectorError::RateLimited(seconds.map_or(DEFAULT_RETRY_MS, |s| s.saturating_mul(1000))));
            }
            401 | 403 => return Err(ConnectorError::AuthExpired(format!("GET {url} returned {}", response.status))),
            500..=599 => return Err(ConnectorError::Transient(format!("GET {url} returned {}", response.status))),
            status => return Err(ConnectorError::Permanent(format!("GET {url} returned {status}"))),
        }
        let page = json::parse(&response.body).map_err(|e| ConnectorError::Permanent(format!("GET {url} returned invalid JSON: {e}")))?;
        let items = page
            .get("items")
            .and_then(Value::as_array)
            .ok_or_else(|| ConnectorError::Permanent(format!("GET {url} returned no items array")))?;
        let has_more = page.get("has_more").and_then(Value::as_bool).unwrap_or(false);
        let columns = columns(items).map_err(ConnectorError::SchemaIncompatible)?;
        let last = match &columns[0].values {
            Values::Int64(ids) => ids.last().copied().flatten(),
            _ => None,
        };
        host::log(LogLevel::Info, &format!("items after {}: {} rows", cursor_text(self.after), items.len()));
        if last.is_some() {
            self.after = last;
        }
        self.done = !has_more;
        let arrow = arrow::write_stream(&columns).map_err(ConnectorError::Permanent)?;
        let cursor = self.after.map(|id| id.to_string().into_bytes()).unwrap_or_default();
        Ok(Some(Batch { arrow, locator: url, cursor, has_more }))
    }
}

fn cursor_text(after: Option<i64>) -> String {
    after.map_or_else(|| "start".to_string(), |id| id.to_string())
}

/// The page's five columns; a value of the wrong JSON type is a schema error naming the item and key.
fn columns(items: &[Value]) -> Result<Vec<arrow::Column>, String> {
    let mut ids = Vec::with_capacity(items.len());
    let (mut names, mut scores, mut actives, mut notes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, item) in items.iter().enumerate() {
        let field = |key: &str| item.get(key).filter(|v| !v.is_null());
        let wrong = |key: &str, expected: &str, v: &Value| format!("items[{i}].{key} is {}, not {expected}", v.kind());
        let id = match item.get("id") {
            Some(v) => v.as_i64().ok_or_else(|| wrong("id", "a 64-bit integer", v))?,
            None => return Err(format!("items[{i}] has no id")),
        };
        ids.push(Some(id));
        names.push(field("name").map(|v| v.as_str().map(str::to_string).ok_or_else(|| wrong("name", "a string", v))).transpose()?);
        scores.push(field("score").map(|v| v.as_f64().ok_or_else(|| wrong("score", "a number", v))).transpose()?);
        actives.push(field("active").map(|v| v.as_bool().ok_or_else(|| wrong("active", "a boolean", v))).transpose()?);
        notes.push(field("note").map(|v| v.as_str().map(str::to_string).ok_or_else(|| wrong("note", "a string", v))).transpose()?);
    }
    Ok(vec![
        arrow::Column::new("id", false, Values::Int64(ids)),
        arrow::Column::new("name", true, Values::Utf8(names)),
        arrow::Column::new("score", true, Values::Float64(scores)),
        arrow::Column::new("active", true, Values::Boolean(actives)),
        arrow::Column::new("note", true, Values::Utf8(notes)),
    ])
}
