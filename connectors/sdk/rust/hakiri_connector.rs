//! Hakiri's Rust connector SDK, in one file: the `source-connector` world of `wit/connector.wit` for a core
//! WebAssembly module (the component model's canonical ABI with wit-bindgen's core-module names), a minimal Arrow
//! IPC stream writer ([`arrow`]) and a small JSON reader ([`json`]).
//!
//! Build it as an rlib and link the connector against it with plain rustc (no cargo, no crates):
//!
//! ```text
//! rustc --target wasm32-unknown-unknown --edition 2021 -C opt-level=2 -C panic=abort -C strip=debuginfo \
//!       --crate-type rlib --crate-name hakiri_connector hakiri_connector.rs --out-dir build
//! rustc --target wasm32-unknown-unknown --edition 2021 -C opt-level=2 -C panic=abort -C strip=debuginfo \
//!       --crate-type cdylib --crate-name my_connector \
//!       --extern hakiri_connector=build/libhakiri_connector.rlib src/lib.rs -o my-connector.wasm
//! ```
//!
//! A connector implements [`Source`] and [`Reader`] and registers the source with [`export_source!`], which emits
//! every export the world needs. The module then imports only `hakiri:connector/host@0.1.0` and the resource
//! intrinsics of `[export]hakiri:connector/source@0.1.0`. Built for the native target the file compiles too, so the
//! Arrow and JSON code can be tested outside a sandbox; the host functions then panic, since only a guest has a host.

#![warn(missing_docs)]

/// A column type a table can declare (WIT `column-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// A boolean.
    Boolean,
    /// A signed 64-bit integer.
    Int64,
    /// A 64-bit float.
    Float64,
    /// Precision and scale.
    Decimal(u8, u8),
    /// UTF-8 text.
    Utf8,
    /// Bytes.
    Binary,
    /// A calendar date.
    Date,
    /// Microseconds since the Unix epoch, UTC.
    Timestamp,
    /// JSON text.
    Json,
    /// A list of strings.
    StringList,
}

/// A column of a table (WIT `column`).
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// Its type.
    pub column_type: ColumnType,
    /// Whether it may hold nulls.
    pub nullable: bool,
    /// What it holds, for catalogs.
    pub description: Option<String>,
}

impl Column {
    /// A column without a description.
    pub fn new(name: &str, column_type: ColumnType, nullable: bool) -> Column {
        Column { name: name.to_string(), column_type, nullable, description: None }
    }
}

/// A table the source can produce (WIT `table-schema`).
#[derive(Clone, Debug, PartialEq)]
pub struct TableSchema {
    /// The table's name, as pipelines refer to it.
    pub name: String,
    /// What it holds.
    pub description: Option<String>,
    /// May be empty: the host then takes the columns from the batches' Arrow schema.
    pub columns: Vec<Column>,
    /// Columns that identify a row; empty for append-only tables.
    pub primary_key: Vec<String>,
}

/// One batch of records and the cursor that resumes right after it (WIT `batch`).
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// An Arrow IPC stream; see [`arrow::write_stream`].
    pub arrow: Vec<u8>,
    /// Where the records came from, without secrets.
    pub locator: String,
    /// The opaque cursor that resumes right after this batch; the host commits it only with the batch's data.
    pub cursor: Vec<u8>,
    /// Whether another batch may follow in the same read.
    pub has_more: bool,
}

/// Why a call failed; the host retries or fails as the pipeline says (WIT `connector-error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectorError {
    /// Worth retrying soon: timeouts, 5xx, dropped connections.
    Transient(String),
    /// Retrying will not help: bad configuration, a missing resource, a bug.
    Permanent(String),
    /// The credentials expired or were refused.
    AuthExpired(String),
    /// Retry after this many milliseconds.
    RateLimited(u64),
    /// The data no longer fits the table's schema.
    SchemaIncompatible(String),
}

impl std::fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectorError::Transient(m) => write!(f, "transient: {m}"),
            ConnectorError::Permanent(m) => write!(f, "permanent: {m}"),
            ConnectorError::AuthExpired(m) => write!(f, "auth expired: {m}"),
            ConnectorError::RateLimited(ms) => write!(f, "rate limited: retry after {ms} ms"),
            ConnectorError::SchemaIncompatible(m) => write!(f, "schema incompatible: {m}"),
        }
    }
}

/// What a source connector implements; register it with [`export_source!`].
pub trait Source {
    /// The tables this source can produce with its configuration.
    fn discover() -> Result<Vec<TableSchema>, ConnectorError>;

    /// Opens a read of `table` resuming after `cursor` (`None`: from the start).
    fn open(table: &str, cursor: Option<&[u8]>) -> Result<Box<dyn Reader>, ConnectorError>;

    /// The cursor of `table` the store has committed; most sources keep nothing and return `Ok`.
    fn acknowledge(_table: &str, _committed: &[u8]) -> Result<(), ConnectorError> {
        Ok(())
    }
}

/// A read of one table, batch by batch (the WIT `read-handle` resource); dropped when the host drops the handle.
pub trait Reader {
    /// The next batch, or `None` when the read is over.
    fn next(&mut self) -> Result<Option<Batch>, ConnectorError>;
}

/// Emits the world's exports for a type implementing [`Source`]: `export_source!(MySource);` once in the crate root.
#[macro_export]
macro_rules! export_source {
    ($source:ty) => {
        #[export_name = "hakiri:connector/source@0.1.0#discover"]
        pub unsafe extern "C" fn __hakiri_export_discover() -> i32 {
            $crate::glue::discover::<$source>()
        }

        #[export_name = "hakiri:connector/source@0.1.0#open"]
        pub unsafe extern "C" fn __hakiri_export_open(table: i32, table_len: i32, has_cursor: i32, cursor: i32, cursor_len: i32) -> i32 {
            $crate::glue::open::<$source>(table, table_len, has_cursor, cursor, cursor_len)
        }

        #[export_name = "hakiri:connector/source@0.1.0#acknowledge"]
        pub unsafe extern "C" fn __hakiri_export_acknowledge(table: i32, table_len: i32, committed: i32, committed_len: i32) -> i32 {
            $crate::glue::acknowledge::<$source>(table, table_len, committed, committed_len)
        }

        #[export_name = "hakiri:connector/source@0.1.0#[method]read-handle.next"]
        pub unsafe extern "C" fn __hakiri_export_next(rep: i32) -> i32 {
            $crate::glue::next(rep)
        }

        #[export_name = "hakiri:connector/source@0.1.0#[dtor]read-handle"]
        pub unsafe extern "C" fn __hakiri_export_dtor(rep: i32) {
            $crate::glue::drop_reader(rep)
        }

        #[export_name = "cabi_post_hakiri:connector/source@0.1.0#discover"]
        pub unsafe extern "C" fn __hakiri_post_discover(ret: i32) {
            $crate::glue::post_return(ret)
        }

        #[export_name = "cabi_post_hakiri:connector/source@0.1.0#open"]
        pub unsafe extern "C" fn __hakiri_post_open(ret: i32) {
            $crate::glue::post_return(ret)
        }

        #[export_name = "cabi_post_hakiri:connector/source@0.1.0#acknowledge"]
        pub unsafe extern "C" fn __hakiri_post_acknowledge(ret: i32) {
            $crate::glue::post_return(ret)
        }

        #[export_name = "cabi_post_hakiri:connector/source@0.1.0#[method]read-handle.next"]
        pub unsafe extern "C" fn __hakiri_post_next(ret: i32) {
            $crate::glue::post_return(ret)
        }

        #[export_name = "cabi_realloc"]
        pub unsafe extern "C" fn __hakiri_cabi_realloc(old: i32, old_size: i32, align: i32, new_size: i32) -> i32 {
            $crate::glue::realloc(old, old_size, align, new_size)
        }
    };
}

/// The host's functions (WIT `host` interface), checked by the host against what the project granted.
pub mod host {
    use super::abi::{take_bytes, take_string, Arena};
    use super::ConnectorError;

    /// WIT `log-level`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum LogLevel {
        /// Detail for debugging.
        Debug = 0,
        /// Progress.
        Info = 1,
        /// Something odd that did not stop the call.
        Warn = 2,
        /// A failure.
        Error = 3,
    }

    /// WIT `http-request`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct HttpRequest {
        /// `GET`, `POST`, ….
        pub method: String,
        /// An absolute URL on a granted host.
        pub url: String,
        /// Header names and values.
        pub headers: Vec<(String, String)>,
        /// The body, if any.
        pub body: Option<Vec<u8>>,
    }

    impl HttpRequest {
        /// A GET of `url` without headers.
        pub fn get(url: &str) -> HttpRequest {
            HttpRequest { method: "GET".to_string(), url: url.to_string(), headers: Vec::new(), body: None }
        }

        /// Adds a header.
        pub fn header(mut self, name: &str, value: &str) -> HttpRequest {
            self.headers.push((name.to_string(), value.to_string()));
            self
        }
    }

    /// WIT `http-response`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct HttpResponse {
        /// The HTTP status code.
        pub status: u16,
        /// Header names and values.
        pub headers: Vec<(String, String)>,
        /// The body, decoded.
        pub body: Vec<u8>,
    }

    impl HttpResponse {
        /// The first header called `name`, compared without case.
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
        }
    }

    #[cfg(target_arch = "wasm32")]
    mod raw {
        #[link(wasm_import_module = "hakiri:connector/host@0.1.0")]
        extern "C" {
            #[link_name = "log"]
            pub fn log(level: i32, ptr: i32, len: i32);
            #[link_name = "now-ms"]
            pub fn now_ms(ret: i32);
            #[link_name = "config"]
            pub fn config(ptr: i32, len: i32, ret: i32);
            #[link_name = "env"]
            pub fn env(ptr: i32, len: i32, ret: i32);
            #[link_name = "http-fetch"]
            pub fn http_fetch(
                method: i32, method_len: i32, url: i32, url_len: i32, headers: i32, headers_len: i32,
                has_body: i32, body: i32, body_len: i32, ret: i32,
            );
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    mod raw {
        const OUTSIDE: &str = "the Hakiri host functions exist only inside a wasm32 guest";
        pub unsafe fn log(level: i32, ptr: i32, len: i32) { panic!("{OUTSIDE}") }
        pub unsafe fn now_ms(ret: i32) { panic!("{OUTSIDE}") }
        pub unsafe fn config(ptr: i32, len: i32, ret: i32) { panic!("{OUTSIDE}") }
        pub unsafe fn env(ptr: i32, len: i32, ret: i32) { panic!("{OUTSIDE}") }
        pub unsafe fn http_fetch(
            method: i32, method_len: i32, url: i32, url_len: i32, headers: i32, headers_len: i32,
            has_body: i32, body: i32, body_len: i32, ret: i32,
        ) { panic!("{OUTSIDE}") }
    }

    /// Writes a line to the run's log.
    pub fn log(level: LogLevel, message: &str) {
        unsafe { raw::log(level as i32, message.as_ptr() as i32, message.len() as i32) }
    }

    /// Wall-clock milliseconds since the Unix epoch; `None` unless the clock is granted.
    pub fn now_ms() -> Option<u64> {
        let mut area = [0u64; 2];
        unsafe {
            let ret = area.as_mut_ptr() as *mut u8;
            raw::now_ms(ret as i32);
            if *ret == 0 { None } else { Some(std::ptr::read(ret.add(8) as *const u64)) }
        }
    }

    /// A key of the pipeline's source table; `None` when absent.
    pub fn config(key: &str) -> Option<String> {
        unsafe { optional_string(|ret| raw::config(key.as_ptr() as i32, key.len() as i32, ret)) }
    }

    /// A declared and granted environment variable; `None` otherwise.
    pub fn env(name: &str) -> Option<String> {
        unsafe { optional_string(|ret| raw::env(name.as_ptr() as i32, name.len() as i32, ret)) }
    }

    unsafe fn optional_string(call: impl FnOnce(i32)) -> Option<String> {
        let mut area = [0u32; 3];
        let ret = area.as_mut_ptr() as *mut u8;
        call(ret as i32);
        if *ret == 0 { None } else { Some(take_string(read_i32(ret, 4), read_i32(ret, 8))) }
    }

    /// Sends a request to a granted host; a refused or failed request is an error.
    pub fn http_fetch(request: &HttpRequest) -> Result<HttpResponse, ConnectorError> {
        let mut arena = Arena::default();
        let headers = arena.alloc(16 * request.headers.len(), 4);
        for (i, (name, value)) in request.headers.iter().enumerate() {
            unsafe {
                let tuple = headers.add(16 * i);
                write_i32(tuple, 0, name.as_ptr() as i32);
                write_i32(tuple, 4, name.len() as i32);
                write_i32(tuple, 8, value.as_ptr() as i32);
                write_i32(tuple, 12, value.len() as i32);
            }
        }
        let (has_body, body, body_len) = match &request.body {
            Some(b) => (1, b.as_ptr() as i32, b.len() as i32),
            None => (0, 0, 0),
        };
        let mut area = [0u64; 4];
        unsafe {
            let ret = area.as_mut_ptr() as *mut u8;
            raw::http_fetch(
                request.method.as_ptr() as i32, request.method.len() as i32,
                request.url.as_ptr() as i32, request.url.len() as i32,
                headers as i32, request.headers.len() as i32,
                has_body, body, body_len, ret as i32,
            );
            if *ret != 0 {
                return Err(super::abi::lift_error(ret.add(8)));
            }
            let payload = ret.add(8);
            let status = std::ptr::read_unaligned(payload as *const u16);
            let (list, count) = (read_i32(payload, 4), read_i32(payload, 8) as usize);
            let mut response_headers = Vec::with_capacity(count);
            for i in 0..count {
                let tuple = (list as usize + 16 * i) as *mut u8;
                let name = take_string(read_i32(tuple, 0), read_i32(tuple, 4));
                let value = take_string(read_i32(tuple, 8), read_i32(tuple, 12));
                response_headers.push((name, value));
            }
            if count > 0 {
                std::alloc::dealloc(list as usize as *mut u8, std::alloc::Layout::from_size_align_unchecked(16 * count, 4));
            }
            let body = take_bytes(read_i32(payload, 12), read_i32(payload, 16));
            Ok(HttpResponse { status, headers: response_headers, body })
        }
    }

    unsafe fn read_i32(base: *mut u8, offset: usize) -> i32 {
        std::ptr::read_unaligned(base.add(offset) as *const i32)
    }

    unsafe fn write_i32(base: *mut u8, offset: usize, value: i32) {
        std::ptr::write_unaligned(base.add(offset) as *mut i32, value)
    }
}

/// Memory the canonical ABI moves across the boundary: values the host passes in (allocated through `cabi_realloc`,
/// then owned by the guest) and results the guest returns (kept until the host calls `cabi_post_…`).
#[doc(hidden)]
pub mod abi {
    use super::ConnectorError;
    use std::alloc::{self, Layout};

    /// Allocations that must outlive a call and are freed together.
    #[derive(Default)]
    pub struct Arena {
        blocks: Vec<(*mut u8, Layout)>,
    }

    impl Arena {
        /// Zeroed memory; a zero size gives a dangling, aligned pointer that is never freed.
        pub fn alloc(&mut self, size: usize, align: usize) -> *mut u8 {
            if size == 0 {
                return align as *mut u8;
            }
            let layout = Layout::from_size_align(size, align).expect("a valid layout");
            let ptr = unsafe { alloc::alloc_zeroed(layout) };
            if ptr.is_null() {
                alloc::handle_alloc_error(layout);
            }
            self.blocks.push((ptr, layout));
            ptr
        }

        /// A copy of `bytes`, as the canonical ABI's (pointer, length).
        pub fn bytes(&mut self, bytes: &[u8]) -> (i32, i32) {
            let ptr = self.alloc(bytes.len(), 1);
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len()) };
            (ptr as i32, bytes.len() as i32)
        }
    }

    impl Drop for Arena {
        fn drop(&mut self) {
            for (ptr, layout) in self.blocks.drain(..) {
                unsafe { alloc::dealloc(ptr, layout) };
            }
        }
    }

    /// Takes ownership of bytes the host allocated through `cabi_realloc` with alignment 1.
    pub unsafe fn take_bytes(ptr: i32, len: i32) -> Vec<u8> {
        if len <= 0 {
            return Vec::new();
        }
        Vec::from_raw_parts(ptr as usize as *mut u8, len as usize, len as usize)
    }

    /// Takes ownership of a string the host allocated; the host guarantees UTF-8.
    pub unsafe fn take_string(ptr: i32, len: i32) -> String {
        String::from_utf8(take_bytes(ptr, len)).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// `cabi_realloc`: allocations for the host, in the guest's allocator.
    pub unsafe fn realloc(old: i32, old_size: i32, align: i32, new_size: i32) -> i32 {
        let align = align.max(1) as usize;
        if new_size == 0 {
            if old != 0 && old_size > 0 {
                alloc::dealloc(old as usize as *mut u8, Layout::from_size_align_unchecked(old_size as usize, align));
            }
            return align as i32;
        }
        let ptr = if old == 0 || old_size == 0 {
            alloc::alloc(Layout::from_size_align_unchecked(new_size as usize, align))
        } else {
            alloc::realloc(old as usize as *mut u8, Layout::from_size_align_unchecked(old_size as usize, align), new_size as usize)
        };
        if ptr.is_null() {
            alloc::handle_alloc_error(Layout::from_size_align_unchecked(new_size as usize, align));
        }
        ptr as i32
    }

    pub unsafe fn w8(base: *mut u8, offset: usize, value: u8) {
        *base.add(offset) = value;
    }

    pub unsafe fn w32(base: *mut u8, offset: usize, value: i32) {
        std::ptr::write_unaligned(base.add(offset) as *mut i32, value);
    }

    pub unsafe fn w64(base: *mut u8, offset: usize, value: u64) {
        std::ptr::write_unaligned(base.add(offset) as *mut u64, value);
    }

    unsafe fn r32(base: *mut u8, offset: usize) -> i32 {
        std::ptr::read_unaligned(base.add(offset) as *const i32)
    }

    /// Writes a string as (pointer, length) at `offset`, copying it into the arena.
    pub unsafe fn wstr(arena: &mut Arena, base: *mut u8, offset: usize, value: &[u8]) {
        let (ptr, len) = arena.bytes(value);
        w32(base, offset, ptr);
        w32(base, offset + 4, len);
    }

    /// Lowers a `connector-error` (16 bytes, alignment 8: case byte, payload at 8).
    pub unsafe fn lower_error(arena: &mut Arena, at: *mut u8, error: &ConnectorError) {
        let (case, text) = match error {
            ConnectorError::Transient(m) => (0, Some(m)),
            ConnectorError::Permanent(m) => (1, Some(m)),
            ConnectorError::AuthExpired(m) => (2, Some(m)),
            ConnectorError::RateLimited(ms) => {
                w8(at, 0, 3);
                w64(at, 8, *ms);
                return;
            }
            ConnectorError::SchemaIncompatible(m) => (4, Some(m)),
        };
        w8(at, 0, case);
        if let Some(text) = text {
            wstr(arena, at, 8, text.as_bytes());
        }
    }

    /// Lifts a `connector-error` the host wrote, taking ownership of its string.
    pub unsafe fn lift_error(at: *mut u8) -> ConnectorError {
        let text = || take_string(r32(at, 8), r32(at, 12));
        match *at {
            0 => ConnectorError::Transient(text()),
            1 => ConnectorError::Permanent(text()),
            2 => ConnectorError::AuthExpired(text()),
            3 => ConnectorError::RateLimited(std::ptr::read_unaligned(at.add(8) as *const u64)),
            4 => ConnectorError::SchemaIncompatible(text()),
            other => ConnectorError::Permanent(format!("the host returned connector-error case {other}, which this SDK does not know")),
        }
    }
}

/// What [`export_source!`] calls: lifting arguments, lowering results, the read-handle's lifetime.
#[doc(hidden)]
pub mod glue {
    use super::abi::{self, lower_error, w32, w8, wstr, Arena};
    use super::{Batch, ColumnType, Reader, Source, TableSchema};
    use std::cell::RefCell;

    #[cfg(target_arch = "wasm32")]
    mod raw {
        #[link(wasm_import_module = "[export]hakiri:connector/source@0.1.0")]
        extern "C" {
            #[link_name = "[resource-new]read-handle"]
            pub fn resource_new(rep: i32) -> i32;
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod raw {
        pub unsafe fn resource_new(_rep: i32) -> i32 {
            panic!("read handles exist only inside a wasm32 guest")
        }
    }

    thread_local! {
        /// Results handed to the host, by return pointer, until their `cabi_post_…` call.
        static RETURNED: RefCell<Vec<(i32, Arena)>> = RefCell::new(Vec::new());
    }

    /// A result area of `size` bytes (alignment 8) whose memory lives until `post_return`.
    fn returning(size: usize, fill: impl FnOnce(&mut Arena, *mut u8)) -> i32 {
        let mut arena = Arena::default();
        let area = arena.alloc(size, 8);
        fill(&mut arena, area);
        let ret = area as i32;
        RETURNED.with(|r| r.borrow_mut().push((ret, arena)));
        ret
    }

    pub fn post_return(ret: i32) {
        RETURNED.with(|r| r.borrow_mut().retain(|(p, _)| *p != ret));
    }

    pub unsafe fn realloc(old: i32, old_size: i32, align: i32, new_size: i32) -> i32 {
        abi::realloc(old, old_size, align, new_size)
    }

    /// `result<list<table-schema>, connector-error>`: case byte, payload at 8; 24 bytes.
    pub unsafe fn discover<S: Source>() -> i32 {
        let result = S::discover();
        returning(24, |arena, at| match &result {
            Ok(tables) => {
                let list = arena.alloc(36 * tables.len(), 4);
                for (i, table) in tables.iter().enumerate() {
                    lower_table(arena, list.add(36 * i), table);
                }
                w32(at, 8, list as i32);
                w32(at, 12, tables.len() as i32);
            }
            Err(e) => {
                w8(at, 0, 1);
                lower_error(arena, at.add(8), e);
            }
        })
    }

    /// `table-schema`: name 0, description 8, columns 20, primary-key 28; 36 bytes.
    unsafe fn lower_table(arena: &mut Arena, at: *mut u8, table: &TableSchema) {
        wstr(arena, at, 0, table.name.as_bytes());
        lower_optional_string(arena, at, 8, &table.description);
        let columns = arena.alloc(24 * table.columns.len(), 4);
        for (i, column) in table.columns.iter().enumerate() {
            // column: name 0, type 8 (case byte, tuple<u8, u8> at 9), nullable 11, description 12; 24 bytes.
            let c = columns.add(24 * i);
            wstr(arena, c, 0, column.name.as_bytes());
            let (case, precision, scale) = match column.column_type {
                ColumnType::Boolean => (0, 0, 0),
                ColumnType::Int64 => (1, 0, 0),
                ColumnType::Float64 => (2, 0, 0),
                ColumnType::Decimal(p, s) => (3, p, s),
                ColumnType::Utf8 => (4, 0, 0),
                ColumnType::Binary => (5, 0, 0),
                ColumnType::Date => (6, 0, 0),
                ColumnType::Timestamp => (7, 0, 0),
                ColumnType::Json => (8, 0, 0),
                ColumnType::StringList => (9, 0, 0),
            };
            w8(c, 8, case);
            w8(c, 9, precision);
            w8(c, 10, scale);
            w8(c, 11, column.nullable as u8);
            lower_optional_string(arena, c, 12, &column.description);
        }
        w32(at, 20, columns as i32);
        w32(at, 24, table.columns.len() as i32);
        let keys = arena.alloc(8 * table.primary_key.len(), 4);
        for (i, key) in table.primary_key.iter().enumerate() {
            wstr(arena, keys, 8 * i, key.as_bytes());
        }
        w32(at, 28, keys as i32);
        w32(at, 32, table.primary_key.len() as i32);
    }

    /// `option<string>`: case byte, string at 4; 12 bytes.
    unsafe fn lower_optional_string(arena: &mut Arena, at: *mut u8, offset: usize, value: &Option<String>) {
        if let Some(text) = value {
            w8(at, offset, 1);
            wstr(arena, at, offset + 4, text.as_bytes());
        }
    }

    /// `open(table, cursor: option<list<u8>>) -> result<read-handle, connector-error>`: handle at 8; 24 bytes.
    pub unsafe fn open<S: Source>(table: i32, table_len: i32, has_cursor: i32, cursor: i32, cursor_len: i32) -> i32 {
        let table = abi::take_string(table, table_len);
        let cursor = if has_cursor != 0 { Some(abi::take_bytes(cursor, cursor_len)) } else { None };
        let result = S::open(&table, cursor.as_deref());
        returning(24, |arena, at| match result {
            Ok(reader) => {
                let rep = Box::into_raw(Box::new(reader)) as i32;
                w32(at, 8, raw::resource_new(rep));
            }
            Err(e) => {
                w8(at, 0, 1);
                lower_error(arena, at.add(8), &e);
            }
        })
    }

    /// `acknowledge(table, committed) -> result<_, connector-error>`: error at 8; 24 bytes.
    pub unsafe fn acknowledge<S: Source>(table: i32, table_len: i32, committed: i32, committed_len: i32) -> i32 {
        let table = abi::take_string(table, table_len);
        let committed = abi::take_bytes(committed, committed_len);
        let result = S::acknowledge(&table, &committed);
        returning(24, |arena, at| {
            if let Err(e) = &result {
                w8(at, 0, 1);
                lower_error(arena, at.add(8), e);
            }
        })
    }

    /// `next() -> result<option<batch>, connector-error>`: option at 8, batch at 12
    /// (arrow 12, locator 20, cursor 28, has-more 36); 40 bytes.
    pub unsafe fn next(rep: i32) -> i32 {
        let reader = &mut *(rep as usize as *mut Box<dyn Reader>);
        let result = reader.next();
        returning(40, |arena, at| match &result {
            Ok(None) => {}
            Ok(Some(batch)) => lower_batch(arena, at, batch),
            Err(e) => {
                w8(at, 0, 1);
                lower_error(arena, at.add(8), e);
            }
        })
    }

    unsafe fn lower_batch(arena: &mut Arena, at: *mut u8, batch: &Batch) {
        w8(at, 8, 1);
        wstr(arena, at, 12, &batch.arrow);
        wstr(arena, at, 20, batch.locator.as_bytes());
        wstr(arena, at, 28, &batch.cursor);
        w8(at, 36, batch.has_more as u8);
    }

    /// The read-handle's destructor: the host dropped its last handle.
    pub unsafe fn drop_reader(rep: i32) {
        drop(Box::from_raw(rep as usize as *mut Box<dyn Reader>));
    }

}

/// A minimal Arrow IPC stream writer (https://arrow.apache.org/docs/format/Columnar.html#ipc-streaming-format):
/// a schema message, one record batch message and the end-of-stream marker, for int64, float64, boolean and utf8
/// columns with optional nulls. The FlatBuffers metadata (Message.fbs, Schema.fbs, MetadataVersion V5) is encoded by
/// [`flatbuffer`].
pub mod arrow {
    use super::flatbuffer::{Obj, Slot};

    /// A column's values; `None` is null.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Values {
        /// 64-bit integers.
        Int64(Vec<Option<i64>>),
        /// 64-bit floats.
        Float64(Vec<Option<f64>>),
        /// Booleans, bit-packed in the stream.
        Boolean(Vec<Option<bool>>),
        /// UTF-8 text with 32-bit offsets.
        Utf8(Vec<Option<String>>),
    }

    impl Values {
        fn len(&self) -> usize {
            match self {
                Values::Int64(v) => v.len(),
                Values::Float64(v) => v.len(),
                Values::Boolean(v) => v.len(),
                Values::Utf8(v) => v.len(),
            }
        }

        fn validity(&self) -> Vec<bool> {
            match self {
                Values::Int64(v) => v.iter().map(Option::is_some).collect(),
                Values::Float64(v) => v.iter().map(Option::is_some).collect(),
                Values::Boolean(v) => v.iter().map(Option::is_some).collect(),
                Values::Utf8(v) => v.iter().map(Option::is_some).collect(),
            }
        }
    }

    /// A named column of a record batch.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Column {
        /// The field's name.
        pub name: String,
        /// Whether the field may hold nulls; a null in a non-nullable column is an error.
        pub nullable: bool,
        /// The values, one per row.
        pub values: Values,
    }

    impl Column {
        /// A column called `name`.
        pub fn new(name: &str, nullable: bool, values: Values) -> Column {
            Column { name: name.to_string(), nullable, values }
        }
    }

    const CONTINUATION: [u8; 4] = [0xFF, 0xFF, 0xFF, 0xFF];
    const METADATA_V5: i16 = 4;
    const HEADER_SCHEMA: u8 = 1;
    const HEADER_RECORD_BATCH: u8 = 3;
    const TYPE_INT: u8 = 2;
    const TYPE_FLOATING_POINT: u8 = 3;
    const TYPE_UTF8: u8 = 5;
    const TYPE_BOOL: u8 = 6;
    const PRECISION_DOUBLE: i16 = 2;

    /// An Arrow IPC stream of one record batch holding `columns`, which must all have the same length and may not
    /// hold nulls when they are not nullable.
    pub fn write_stream(columns: &[Column]) -> Result<Vec<u8>, String> {
        let rows = columns.first().map_or(0, |c| c.values.len());
        for column in columns {
            if column.values.len() != rows {
                return Err(format!("column {} has {} values but the first column has {rows}", column.name, column.values.len()));
            }
            if !column.nullable && column.values.validity().iter().any(|valid| !valid) {
                return Err(format!("column {} is not nullable but holds a null", column.name));
            }
        }
        let mut out = Vec::new();
        write_message(&mut out, HEADER_SCHEMA, schema(columns), &[]);
        let (record_batch, body) = record_batch(columns, rows);
        write_message(&mut out, HEADER_RECORD_BATCH, record_batch, &body);
        out.extend_from_slice(&CONTINUATION);
        out.extend_from_slice(&0u32.to_le_bytes());
        Ok(out)
    }

    /// An encapsulated message: continuation, metadata length, the `Message` FlatBuffer padded to 8, the body.
    fn write_message(out: &mut Vec<u8>, header_type: u8, header: Obj, body: &[u8]) {
        let message = Obj::Table(vec![
            (0, Slot::I16(METADATA_V5)),
            (1, Slot::U8(header_type)),
            (2, Slot::Offset(header)),
            (3, Slot::I64(body.len() as i64)),
        ]);
        let mut metadata = super::flatbuffer::finish(message);
        while (8 + metadata.len()) % 8 != 0 {
            metadata.push(0);
        }
        out.extend_from_slice(&CONTINUATION);
        out.extend_from_slice(&(metadata.len() as i32).to_le_bytes());
        out.extend_from_slice(&metadata);
        out.extend_from_slice(body);
    }

    fn schema(columns: &[Column]) -> Obj {
        let fields = columns
            .iter()
            .map(|column| {
                let (type_type, type_table) = match column.values {
                    Values::Int64(_) => (TYPE_INT, Obj::Table(vec![(0, Slot::I32(64)), (1, Slot::Bool(true))])),
                    Values::Float64(_) => (TYPE_FLOATING_POINT, Obj::Table(vec![(0, Slot::I16(PRECISION_DOUBLE))])),
                    Values::Boolean(_) => (TYPE_BOOL, Obj::Table(vec![])),
                    Values::Utf8(_) => (TYPE_UTF8, Obj::Table(vec![])),
                };
                // Field: name 0, nullable 1, type_type 2, type 3, dictionary 4, children 5.
                Obj::Table(vec![
                    (0, Slot::Offset(Obj::String(column.name.clone()))),
                    (1, Slot::Bool(column.nullable)),
                    (2, Slot::U8(type_type)),
                    (3, Slot::Offset(type_table)),
                    (5, Slot::Offset(Obj::Tables(vec![]))),
                ])
            })
            .collect();
        // Schema: endianness 0 (Little, the default), fields 1.
        Obj::Table(vec![(1, Slot::Offset(Obj::Tables(fields)))])
    }

    /// The `RecordBatch` table and its body: per column a FieldNode and its buffers, each 8-byte aligned.
    fn record_batch(columns: &[Column], rows: usize) -> (Obj, Vec<u8>) {
        let mut body = Vec::new();
        let mut nodes = Vec::new();
        let mut buffers = Vec::new();
        for column in columns {
            let validity = column.values.validity();
            let nulls = validity.iter().filter(|valid| !**valid).count();
            nodes.extend_from_slice(&(rows as i64).to_le_bytes());
            nodes.extend_from_slice(&(nulls as i64).to_le_bytes());
            let bitmap = if nulls > 0 { bits(&validity) } else { Vec::new() };
            add_buffer(&mut body, &mut buffers, &bitmap);
            match &column.values {
                Values::Int64(v) => {
                    let data: Vec<u8> = v.iter().flat_map(|x| x.unwrap_or(0).to_le_bytes()).collect();
                    add_buffer(&mut body, &mut buffers, &data);
                }
                Values::Float64(v) => {
                    let data: Vec<u8> = v.iter().flat_map(|x| x.unwrap_or(0.0).to_le_bytes()).collect();
                    add_buffer(&mut body, &mut buffers, &data);
                }
                Values::Boolean(v) => {
                    let set: Vec<bool> = v.iter().map(|x| x.unwrap_or(false)).collect();
                    add_buffer(&mut body, &mut buffers, &bits(&set));
                }
                Values::Utf8(v) => {
                    let mut offsets = Vec::with_capacity(4 * (v.len() + 1));
                    let mut data = Vec::new();
                    offsets.extend_from_slice(&0i32.to_le_bytes());
                    for text in v {
                        data.extend_from_slice(text.as_deref().unwrap_or("").as_bytes());
                        offsets.extend_from_slice(&(data.len() as i32).to_le_bytes());
                    }
                    add_buffer(&mut body, &mut buffers, &offsets);
                    add_buffer(&mut body, &mut buffers, &data);
                }
            }
        }
        // RecordBatch: length 0, nodes 1 (FieldNode: length, null_count), buffers 2 (Buffer: offset, length).
        let table = Obj::Table(vec![
            (0, Slot::I64(rows as i64)),
            (1, Slot::Offset(Obj::Structs { bytes: nodes, size: 16, align: 8 })),
            (2, Slot::Offset(Obj::Structs { bytes: buffers, size: 16, align: 8 })),
        ]);
        (table, body)
    }

    fn add_buffer(body: &mut Vec<u8>, buffers: &mut Vec<u8>, data: &[u8]) {
        buffers.extend_from_slice(&(body.len() as i64).to_le_bytes());
        buffers.extend_from_slice(&(data.len() as i64).to_le_bytes());
        body.extend_from_slice(data);
        while body.len() % 8 != 0 {
            body.push(0);
        }
    }

    /// Bit-packed, least significant bit first.
    fn bits(values: &[bool]) -> Vec<u8> {
        let mut packed = vec![0u8; (values.len() + 7) / 8];
        for (i, set) in values.iter().enumerate() {
            if *set {
                packed[i / 8] |= 1 << (i % 8);
            }
        }
        packed
    }
}

/// A FlatBuffers encoder for the few shapes Arrow's metadata needs, written front to back: an object is laid out
/// before the objects it refers to, so every offset points forward as the format requires (uoffset_t is unsigned).
#[doc(hidden)]
pub mod flatbuffer {
    /// A table field's value.
    pub enum Slot {
        Bool(bool),
        U8(u8),
        I16(i16),
        I32(i32),
        I64(i64),
        /// A reference to a table, string or vector.
        Offset(Obj),
    }

    impl Slot {
        fn size(&self) -> usize {
            match self {
                Slot::Bool(_) | Slot::U8(_) => 1,
                Slot::I16(_) => 2,
                Slot::I32(_) | Slot::Offset(_) => 4,
                Slot::I64(_) => 8,
            }
        }
    }

    /// Something an offset can point at.
    pub enum Obj {
        /// Fields by id.
        Table(Vec<(u16, Slot)>),
        String(String),
        /// A vector of tables.
        Tables(Vec<Obj>),
        /// A vector of structs, already encoded, `size` bytes each.
        Structs { bytes: Vec<u8>, size: usize, align: usize },
    }

    /// A finished buffer whose root is `root`.
    pub fn finish(root: Obj) -> Vec<u8> {
        let mut buf = vec![0u8; 4];
        let at = write(&mut buf, root);
        patch(&mut buf, 0, at);
        buf
    }

    fn pad_to(buf: &mut Vec<u8>, align: usize) {
        while buf.len() % align != 0 {
            buf.push(0);
        }
    }

    /// Points the uoffset at `from` to `to`.
    fn patch(buf: &mut [u8], from: usize, to: usize) {
        buf[from..from + 4].copy_from_slice(&((to - from) as u32).to_le_bytes());
    }

    fn write(buf: &mut Vec<u8>, obj: Obj) -> usize {
        match obj {
            Obj::Table(fields) => write_table(buf, fields),
            Obj::String(text) => {
                pad_to(buf, 4);
                let at = buf.len();
                buf.extend_from_slice(&(text.len() as u32).to_le_bytes());
                buf.extend_from_slice(text.as_bytes());
                buf.push(0);
                at
            }
            Obj::Tables(tables) => {
                pad_to(buf, 4);
                let at = buf.len();
                buf.extend_from_slice(&(tables.len() as u32).to_le_bytes());
                let first = buf.len();
                buf.resize(first + 4 * tables.len(), 0);
                for (i, table) in tables.into_iter().enumerate() {
                    let target = write(buf, table);
                    patch(buf, first + 4 * i, target);
                }
                at
            }
            Obj::Structs { bytes, size, align } => {
                // The length precedes the elements, which must start aligned.
                while (buf.len() + 4) % align.max(4) != 0 {
                    buf.push(0);
                }
                let at = buf.len();
                buf.extend_from_slice(&((bytes.len() / size) as u32).to_le_bytes());
                buf.extend_from_slice(&bytes);
                at
            }
        }
    }

    /// A vtable (vtable size, table size, one field offset per id) followed by the table: its soffset to the vtable,
    /// then the fields largest first, each aligned to its size; then the objects the table refers to.
    fn write_table(buf: &mut Vec<u8>, mut fields: Vec<(u16, Slot)>) -> usize {
        fields.sort_by(|a, b| b.1.size().cmp(&a.1.size()).then(a.0.cmp(&b.0)));
        let mut positions = Vec::with_capacity(fields.len());
        let mut end = 4;
        for (_, slot) in &fields {
            let size = slot.size();
            end = (end + size - 1) / size * size;
            positions.push(end);
            end += size;
        }
        let slots = fields.iter().map(|(id, _)| *id as usize + 1).max().unwrap_or(0);
        let mut vtable = vec![0u16; 2 + slots];
        vtable[0] = (2 * (2 + slots)) as u16;
        vtable[1] = end as u16;
        for ((id, _), position) in fields.iter().zip(&positions) {
            vtable[2 + *id as usize] = *position as u16;
        }
        pad_to(buf, 2);
        let vtable_at = buf.len();
        for entry in vtable {
            buf.extend_from_slice(&entry.to_le_bytes());
        }
        pad_to(buf, 8);
        let table_at = buf.len();
        buf.extend_from_slice(&((table_at - vtable_at) as i32).to_le_bytes());
        buf.resize(table_at + end, 0);
        let mut children = Vec::new();
        for ((_, slot), position) in fields.into_iter().zip(positions) {
            let at = table_at + position;
            match slot {
                Slot::Bool(v) => buf[at] = v as u8,
                Slot::U8(v) => buf[at] = v,
                Slot::I16(v) => buf[at..at + 2].copy_from_slice(&v.to_le_bytes()),
                Slot::I32(v) => buf[at..at + 4].copy_from_slice(&v.to_le_bytes()),
                Slot::I64(v) => buf[at..at + 8].copy_from_slice(&v.to_le_bytes()),
                Slot::Offset(obj) => children.push((at, obj)),
            }
        }
        for (at, obj) in children {
            let target = write(buf, obj);
            patch(buf, at, target);
        }
        table_at
    }
}

/// A small JSON reader (RFC 8259): objects, arrays, strings with escapes (surrogate pairs included), numbers,
/// `true`, `false`, `null`. Numbers keep their text, so 64-bit ids stay exact.
pub mod json {
    /// A JSON value.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Value {
        /// `null`.
        Null,
        /// `true` or `false`.
        Bool(bool),
        /// The number's text as written.
        Number(String),
        /// A string, unescaped.
        String(String),
        /// Items in document order.
        Array(Vec<Value>),
        /// Members in document order.
        Object(Vec<(String, Value)>),
    }

    impl Value {
        /// The member called `key` of an object; `None` for other values or an absent key.
        pub fn get(&self, key: &str) -> Option<&Value> {
            match self {
                Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
                _ => None,
            }
        }

        /// An integral number that fits an i64.
        pub fn as_i64(&self) -> Option<i64> {
            match self {
                Value::Number(text) => text.parse().ok(),
                _ => None,
            }
        }

        /// A number as an f64 (the nearest one).
        pub fn as_f64(&self) -> Option<f64> {
            match self {
                Value::Number(text) => text.parse().ok(),
                _ => None,
            }
        }

        /// `true` or `false`.
        pub fn as_bool(&self) -> Option<bool> {
            match self {
                Value::Bool(b) => Some(*b),
                _ => None,
            }
        }

        /// A string's text.
        pub fn as_str(&self) -> Option<&str> {
            match self {
                Value::String(s) => Some(s),
                _ => None,
            }
        }

        /// An array's items.
        pub fn as_array(&self) -> Option<&[Value]> {
            match self {
                Value::Array(items) => Some(items),
                _ => None,
            }
        }

        /// Whether this is `null`.
        pub fn is_null(&self) -> bool {
            matches!(self, Value::Null)
        }

        /// What kind of value this is, for error messages: "null", "a boolean", "a number", ….
        pub fn kind(&self) -> &'static str {
            match self {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            }
        }
    }

    /// Parses a whole document; the error says what was wrong and at which byte.
    pub fn parse(text: &[u8]) -> Result<Value, String> {
        let mut parser = Parser { text, at: 0, depth: 0 };
        let value = parser.value()?;
        parser.space();
        if parser.at != text.len() {
            return Err(parser.error("unexpected text after the value"));
        }
        Ok(value)
    }

    const MAX_DEPTH: usize = 256;

    struct Parser<'a> {
        text: &'a [u8],
        at: usize,
        depth: usize,
    }

    impl<'a> Parser<'a> {
        fn error(&self, what: &str) -> String {
            format!("{what} at byte {}", self.at)
        }

        fn space(&mut self) {
            while matches!(self.text.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += 1;
            }
        }

        fn peek(&self) -> Option<u8> {
            self.text.get(self.at).copied()
        }

        fn expect(&mut self, byte: u8) -> Result<(), String> {
            if self.peek() == Some(byte) {
                self.at += 1;
                Ok(())
            } else {
                Err(self.error(&format!("expected '{}'", byte as char)))
            }
        }

        fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
            if self.text[self.at..].starts_with(word.as_bytes()) {
                self.at += word.len();
                Ok(value)
            } else {
                Err(self.error("unexpected character"))
            }
        }

        fn value(&mut self) -> Result<Value, String> {
            self.space();
            match self.peek() {
                None => Err(self.error("unexpected end of the document")),
                Some(b'{') => self.nested(Parser::object),
                Some(b'[') => self.nested(Parser::array),
                Some(b'"') => Ok(Value::String(self.string()?)),
                Some(b't') => self.literal("true", Value::Bool(true)),
                Some(b'f') => self.literal("false", Value::Bool(false)),
                Some(b'n') => self.literal("null", Value::Null),
                Some(b'-' | b'0'..=b'9') => self.number(),
                Some(_) => Err(self.error("unexpected character")),
            }
        }

        fn nested(&mut self, parse: fn(&mut Parser<'a>) -> Result<Value, String>) -> Result<Value, String> {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.error("nesting deeper than 256 levels"));
            }
            let value = parse(self);
            self.depth -= 1;
            value
        }

        fn object(&mut self) -> Result<Value, String> {
            self.expect(b'{')?;
            let mut members = Vec::new();
            self.space();
            if self.peek() == Some(b'}') {
                self.at += 1;
                return Ok(Value::Object(members));
            }
            loop {
                self.space();
                if self.peek() != Some(b'"') {
                    return Err(self.error("expected a member name"));
                }
                let key = self.string()?;
                self.space();
                self.expect(b':')?;
                let value = self.value()?;
                members.push((key, value));
                self.space();
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b'}') => {
                        self.at += 1;
                        return Ok(Value::Object(members));
                    }
                    _ => return Err(self.error("expected ',' or '}'")),
                }
            }
        }

        fn array(&mut self) -> Result<Value, String> {
            self.expect(b'[')?;
            let mut items = Vec::new();
            self.space();
            if self.peek() == Some(b']') {
                self.at += 1;
                return Ok(Value::Array(items));
            }
            loop {
                items.push(self.value()?);
                self.space();
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b']') => {
                        self.at += 1;
                        return Ok(Value::Array(items));
                    }
                    _ => return Err(self.error("expected ',' or ']'")),
                }
            }
        }

        fn number(&mut self) -> Result<Value, String> {
            let start = self.at;
            if self.peek() == Some(b'-') {
                self.at += 1;
            }
            match self.peek() {
                Some(b'0') => self.at += 1,
                Some(b'1'..=b'9') => self.digits(),
                _ => return Err(self.error("expected a digit")),
            }
            if self.peek() == Some(b'.') {
                self.at += 1;
                if !matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("expected a digit after '.'"));
                }
                self.digits();
            }
            if matches!(self.peek(), Some(b'e' | b'E')) {
                self.at += 1;
                if matches!(self.peek(), Some(b'+' | b'-')) {
                    self.at += 1;
                }
                if !matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("expected a digit in the exponent"));
                }
                self.digits();
            }
            Ok(Value::Number(String::from_utf8_lossy(&self.text[start..self.at]).into_owned()))
        }

        fn digits(&mut self) {
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.at += 1;
            }
        }

        fn string(&mut self) -> Result<String, String> {
            self.expect(b'"')?;
            let mut out = Vec::new();
            loop {
                match self.peek() {
                    None => return Err(self.error("unterminated string")),
                    Some(b'"') => {
                        self.at += 1;
                        return String::from_utf8(out).map_err(|_| self.error("a string that is not UTF-8"));
                    }
                    Some(b'\\') => {
                        self.at += 1;
                        let escaped = self.peek().ok_or_else(|| self.error("unterminated escape"))?;
                        self.at += 1;
                        let c = match escaped {
                            b'"' => '"',
                            b'\\' => '\\',
                            b'/' => '/',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'n' => '\n',
                            b'r' => '\r',
                            b't' => '\t',
                            b'u' => self.unicode_escape()?,
                            _ => return Err(self.error("unknown escape")),
                        };
                        let mut utf8 = [0u8; 4];
                        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                    }
                    Some(c) if c < 0x20 => return Err(self.error("a control character in a string")),
                    Some(c) => {
                        out.push(c);
                        self.at += 1;
                    }
                }
            }
        }

        /// After `\u`: four hex digits, or a high surrogate followed by `\u` and a low surrogate.
        fn unicode_escape(&mut self) -> Result<char, String> {
            let first = self.hex4()?;
            let code = if (0xD800..0xDC00).contains(&first) {
                if !self.text[self.at..].starts_with(b"\\u") {
                    return Err(self.error("a high surrogate without its low surrogate"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..0xE000).contains(&second) {
                    return Err(self.error("a high surrogate followed by something other than a low surrogate"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            } else if (0xDC00..0xE000).contains(&first) {
                return Err(self.error("a low surrogate without its high surrogate"));
            } else {
                first
            };
            char::from_u32(code).ok_or_else(|| self.error("an invalid code point"))
        }

        fn hex4(&mut self) -> Result<u32, String> {
            let digits = self.text.get(self.at..self.at + 4).ok_or_else(|| self.error("expected four hex digits"))?;
            let text = std::str::from_utf8(digits).map_err(|_| self.error("expected four hex digits"))?;
            let value = u32::from_str_radix(text, 16).map_err(|_| self.error("expected four hex digits"))?;
            if text.starts_with('+') {
                return Err(self.error("expected four hex digits"));
            }
            self.at += 4;
            Ok(value)
        }
    }
}
