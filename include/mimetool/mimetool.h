#ifndef MIMETOOL_MIMETOOL_H
#define MIMETOOL_MIMETOOL_H
/**
 * \file mimetool.h
 * The C interface to mimetool: parse a message, walk its entity tree, read header fields and
 * bodies (raw, or decoded: header text, attachment bytes, text as UTF-8, filenames), edit header
 * fields and write the message back; and compose new messages (text, HTML, inline parts,
 * attachments) with an ::mt_builder.
 *
 * Conventions, which hold for every function below:
 * - **Handles are opaque.** An ::mt_message is created by mt_parse_memory() or mt_parse_file()
 *   and released with mt_message_free(). Every ::mt_entity is *borrowed* from its message: it
 *   stays valid until the message is freed, and must not be freed by the caller. An ::mt_builder
 *   is created by mt_builder_new() and released with mt_builder_free().
 * - **Strings come in two kinds**, and each function says which one it returns:
 *   - *owned*: returned through a `char**` out-parameter, allocated by the library,
 *     NUL-terminated (the length out-parameter, which may be NULL, excludes the terminator; the
 *     bytes may hold NUL themselves). The caller releases it with mt_free().
 *   - *borrowed*: returned as `const char*`, pointing into memory the message owns. It stays
 *     valid until the message is freed or the entity it came from is edited. Borrowed views
 *     of the input (header names, raw values, raw bodies) are **not** NUL-terminated: always use
 *     the length that comes with them. Borrowed strings that are documented as NUL-terminated
 *     (media type, section path, diagnostic texts) are.
 * - **Errors**: functions that can fail return an ::mt_status. On failure their out-parameters
 *   are left untouched (pointers are not set), and mt_last_error() describes what went wrong.
 *   Malformed input is not a failure: parsing always yields a tree plus diagnostics.
 * - **Threads**: a message may be read from several threads at once; editing it needs exclusive
 *   access. mt_last_error() is per thread.
 * - Text handed to the library and text it returns is UTF-8 unless a function says "bytes".
 *
 * Example:
 * \code
 *   mt_message* msg = NULL;
 *   if (mt_parse_file("msg.eml", NULL, &msg) != MT_OK) {
 *     fprintf(stderr, "mimetool: %s\n", mt_last_error());
 *     return 66;
 *   }
 *   for (size_t i = 0; i < mt_message_entity_count(msg); ++i) {
 *     const mt_entity* e = mt_message_entity_at(msg, i);
 *     printf("%s %s\n", mt_entity_section_path(e), mt_entity_media_type(e));
 *   }
 *   mt_message_free(msg);
 * \endcode
 */

#include <stddef.h>
#include <stdint.h>

#include "mimetool/export.hpp"
#include "mimetool/version.hpp"

#ifdef __cplusplus
extern "C" {
#endif

/** Outcome of a C API call. Values are stable across releases; new ones are only appended. */
typedef enum mt_status {
  MT_OK = 0,                      /**< success */
  MT_ERR_INVALID_ARGUMENT = 1,    /**< a NULL handle, an index out of range, a malformed field name */
  MT_ERR_DATA = 2,                /**< input not usable even leniently */
  MT_ERR_NO_INPUT = 3,            /**< the input file cannot be opened */
  MT_ERR_CANT_CREATE = 4,         /**< an output cannot be created */
  MT_ERR_IO = 5,                  /**< a read or write failed */
  MT_ERR_UNKNOWN_CHARSET = 6,     /**< a charset is not known */
  MT_ERR_INVALID_SEQUENCE = 7,    /**< bytes are invalid in their charset */
  MT_ERR_LIMIT_EXCEEDED = 8,      /**< a configured limit was hit */
  MT_ERR_NOT_FOUND = 9,           /**< the requested header field or parameter is absent */
  MT_ERR_NO_MEMORY = 10,          /**< memory allocation failed */
  MT_ERR_INTERNAL = 11            /**< an unexpected internal failure (a bug: please report it) */
} mt_status;

/** How serious a diagnostic is. */
typedef enum mt_severity {
  MT_SEVERITY_WARNING = 0,  /**< a defect every reader will likely repair the same way */
  MT_SEVERITY_CRITICAL = 1  /**< another program may read these bytes differently */
} mt_severity;

/** A parsed message. Owns the input bytes and every entity; free with mt_message_free(). */
typedef struct mt_message mt_message;

/** One MIME entity of a message (header fields plus a body). Borrowed from its message. */
typedef struct mt_entity mt_entity;

/**
 * Parsing limits. Initialise with mt_parse_options_init(), then change the fields you need.
 * Fields are only ever appended; `struct_size` tells the library which ones the caller knows.
 */
typedef struct mt_parse_options {
  size_t struct_size;        /**< sizeof(mt_parse_options), set by mt_parse_options_init() */
  size_t max_depth;          /**< nesting of multiparts and messages */
  size_t max_parts;          /**< entities in the whole tree */
  size_t max_header_fields;  /**< header fields in one entity */
  size_t max_header_bytes;   /**< bytes of one entity's header block */
  size_t max_diagnostics;    /**< diagnostics kept; later ones are counted once */
} mt_parse_options;

/**
 * One defect found while parsing. All strings are borrowed from the message and
 * NUL-terminated.
 */
typedef struct mt_diagnostic {
  const char* code;      /**< symptom name, e.g. "missing_end_boundary" */
  mt_severity severity;  /**< warning or critical */
  size_t offset;         /**< byte offset in the input */
  const char* path;      /**< IMAP section path of the entity concerned ("" for the root) */
  const char* detail;    /**< short human-readable text */
} mt_diagnostic;

/* ---- library ---------------------------------------------------------------------------- */

/** The library's version as "MAJOR.MINOR.PATCH" (static storage). Compare it with
 *  MIMETOOL_VERSION_STRING to detect a header/library mismatch. */
MIMETOOL_API const char* mt_version(void);

/** A short English name for a status, e.g. "not found" (static storage; never NULL). */
MIMETOOL_API const char* mt_status_string(mt_status status);

/**
 * What the last call returning an ::mt_status on this thread reported: a one-line message after a
 * failure, "" after success. Borrowed: valid until the next such call on the same thread. Never
 * NULL.
 */
MIMETOOL_API const char* mt_last_error(void);

/** Releases a string or buffer the library returned as owned. NULL is accepted. */
MIMETOOL_API void mt_free(void* p);

/* ---- parsing ------------------------------------------------------------------------------ */

/** Fills `options` with the default limits (the same as the C++ ParseOptions{}). */
MIMETOOL_API void mt_parse_options_init(mt_parse_options* options);

/**
 * Parses a message from memory. The bytes are copied, so the caller's buffer may be released
 * right after the call. Parsing is lenient: malformed input yields a tree plus diagnostics.
 * \param data     the message bytes (may be NULL when `size` is 0)
 * \param size     number of bytes
 * \param options  limits, or NULL for the defaults
 * \param out      receives the new message, owned by the caller (mt_message_free())
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `out` is NULL or `data` is NULL with a non-zero size;
 *         MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_parse_memory(const void* data, size_t size, const mt_parse_options* options,
                                       mt_message** out);

/**
 * Parses the message in a file (memory-mapped, read-only). Lenient like mt_parse_memory().
 * \param path     file name in the platform's encoding
 * \param options  limits, or NULL for the defaults
 * \param out      receives the new message, owned by the caller (mt_message_free())
 * \return MT_OK; MT_ERR_NO_INPUT when the file cannot be opened or is a directory; MT_ERR_IO;
 *         MT_ERR_INVALID_ARGUMENT; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_parse_file(const char* path, const mt_parse_options* options, mt_message** out);

/** Releases a message and everything borrowed from it. NULL is accepted. */
MIMETOOL_API void mt_message_free(mt_message* message);

/* ---- diagnostics -------------------------------------------------------------------------- */

/** Number of diagnostics recorded while parsing (0 for a NULL message). */
MIMETOOL_API size_t mt_message_diagnostic_count(const mt_message* message);

/**
 * Reads diagnostic `index` (in input order) into `out`; its strings are borrowed from the message.
 * \return MT_OK, or MT_ERR_INVALID_ARGUMENT when an argument is NULL or `index` is out of range.
 */
MIMETOOL_API mt_status mt_message_diagnostic(const mt_message* message, size_t index, mt_diagnostic* out);

/* ---- the entity tree ----------------------------------------------------------------------- */

/** The root entity (borrowed), or NULL for a NULL message. */
MIMETOOL_API mt_entity* mt_message_root(mt_message* message);

/** Number of entities in the tree (0 for a NULL message). */
MIMETOOL_API size_t mt_message_entity_count(const mt_message* message);

/**
 * Entity `index` in depth-first pre-order, the order of the section paths: index 0 is the root.
 * Borrowed; NULL when `index` is out of range.
 */
MIMETOOL_API mt_entity* mt_message_entity_at(mt_message* message, size_t index);

/**
 * The entity at an IMAP section path (see mt_entity_section_path(); "" always finds the root).
 * Where a message/rfc822 part and the multipart it encapsulates share a path, the
 * message/rfc822 part is returned. Borrowed; NULL when there is none or an argument is NULL.
 */
MIMETOOL_API mt_entity* mt_message_find(mt_message* message, const char* section_path);

/**
 * Number of children: body parts of a multipart, 1 for a message/rfc822 entity (its encapsulated
 * message's root), 0 for a leaf or a NULL entity.
 */
MIMETOOL_API size_t mt_entity_child_count(const mt_entity* entity);

/** Child `index` (borrowed), or NULL when out of range. */
MIMETOOL_API mt_entity* mt_entity_child(mt_entity* entity, size_t index);

/** The parent entity (borrowed), or NULL for the root. */
MIMETOOL_API mt_entity* mt_entity_parent(mt_entity* entity);

/**
 * The entity's IMAP section path (RFC 3501 §6.4.5), numbered as Message::walk() and the CLI
 * manifest number it: a multipart root is "", its parts "1", "2"…; the root of a single-part
 * message is "1"; the encapsulated message of a message/rfc822 part "P" has the path "P" when it
 * is a multipart and "P.1" otherwise. Borrowed, NUL-terminated; "" for a NULL entity.
 */
MIMETOOL_API const char* mt_entity_section_path(const mt_entity* entity);

/**
 * "type/subtype", lower-cased; the RFC 2045 §5.2 default (text/plain, or message/rfc822 inside
 * multipart/digest) when Content-Type is absent or unusable. Borrowed, NUL-terminated.
 */
MIMETOOL_API const char* mt_entity_media_type(const mt_entity* entity);

/** 1 when the entity is a multipart (its children are body parts), else 0. */
MIMETOOL_API int mt_entity_is_multipart(const mt_entity* entity);

/** 1 when the entity encapsulates a message (message/rfc822, message/global), else 0. */
MIMETOOL_API int mt_entity_is_message(const mt_entity* entity);

/* ---- header fields ------------------------------------------------------------------------- */

/** Number of header fields, duplicates included (0 for a NULL entity). */
MIMETOOL_API size_t mt_entity_header_count(const mt_entity* entity);

/**
 * The name of header field `index`, as written. Borrowed, **not** NUL-terminated.
 * \return MT_OK, or MT_ERR_INVALID_ARGUMENT when an argument is NULL or `index` is out of range.
 */
MIMETOOL_API mt_status mt_entity_header_name(const mt_entity* entity, size_t index, const char** name,
                                             size_t* name_len);

/**
 * The body of header field `index` as written: after the colon, folding kept, final line ending
 * removed, encoded-words not decoded. Borrowed, **not** NUL-terminated.
 * \return MT_OK, or MT_ERR_INVALID_ARGUMENT when an argument is NULL or `index` is out of range.
 */
MIMETOOL_API mt_status mt_entity_header_raw_value(const mt_entity* entity, size_t index, const char** value,
                                                  size_t* value_len);

/* ---- bodies -------------------------------------------------------------------------------- */

/**
 * The body as written, still transfer-encoded. For a multipart: everything after the header
 * block (preamble, parts, delimiters, epilogue). Borrowed, **not** NUL-terminated.
 * \return MT_OK, or MT_ERR_INVALID_ARGUMENT when an argument is NULL.
 */
MIMETOOL_API mt_status mt_entity_raw_body(const mt_entity* entity, const char** body, size_t* body_len);

/* ---- decoded content ------------------------------------------------------------------------ */

/**
 * The first field called `name` (case-insensitive), unfolded and trimmed, with RFC 2047
 * encoded-words decoded to UTF-8 (as unstructured text: address fields keep their quotes); raw
 * 8-bit text is taken as UTF-8 when valid, else converted from the entity's declared charset or a
 * detected one. For display, not for re-sending. Owned by the caller (mt_free()).
 * \param entity     the entity whose header block is searched
 * \param name       field name, e.g. "Subject"
 * \param value      receives the decoded value
 * \param value_len  receives its length in bytes (may be NULL)
 * \return MT_OK; MT_ERR_NOT_FOUND when there is no such field; MT_ERR_INVALID_ARGUMENT;
 *         MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_entity_header_value(const mt_entity* entity, const char* name, char** value,
                                              size_t* value_len);

/**
 * The body with its Content-Transfer-Encoding undone (base64, quoted-printable, uuencode; 7bit,
 * 8bit and binary as they are). Bytes, no charset conversion: this is what an attachment
 * contains. For a multipart, the raw body. Invalid encoded input is decoded as far as possible.
 * Owned by the caller (mt_free()).
 * \param entity    the entity to decode
 * \param body      receives the decoded bytes
 * \param body_len  receives their number (may be NULL)
 * \param invalid   receives 1 when some encoded input was invalid and skipped, else 0 (may be NULL)
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_entity_decoded_body(const mt_entity* entity, char** body, size_t* body_len,
                                              int* invalid);

/** Flags of mt_entity_text(). */
enum {
  /** Fail with MT_ERR_UNKNOWN_CHARSET or MT_ERR_INVALID_SEQUENCE instead of replacing what cannot
   *  be converted with U+FFFD. */
  MT_TEXT_STRICT = 1
};

/**
 * The body of a text part as UTF-8: transfer-decoded, then converted from its declared charset
 * (missing: UTF-8 when valid, else detected; iso-8859-1 read as windows-1252). Line endings are
 * kept. Any leaf may be read this way; the caller decides what is text. Owned by the caller
 * (mt_free()).
 * \param entity    the text entity
 * \param flags     0, or MT_TEXT_STRICT
 * \param text      receives valid UTF-8
 * \param text_len  receives its length in bytes (may be NULL)
 * \param lossy     receives 1 when the text may differ from what the sender meant (invalid
 *                  sequences replaced, or the charset guessed), else 0 (may be NULL)
 * \return MT_OK; with MT_TEXT_STRICT, MT_ERR_UNKNOWN_CHARSET or MT_ERR_INVALID_SEQUENCE;
 *         MT_ERR_INVALID_ARGUMENT (also for unknown flags); MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_entity_text(const mt_entity* entity, unsigned flags, char** text, size_t* text_len,
                                      int* lossy);

/**
 * The attachment filename, decoded to UTF-8 in Unicode NFC: Content-Disposition's filename, else
 * Content-Type's name, with RFC 2231 and RFC 2047 undone. It is the sender's suggestion and
 * **not** safe to use as a path: strip directories and control characters before writing a file.
 * Owned by the caller (mt_free()).
 * \param entity    the entity
 * \param name      receives the filename
 * \param name_len  receives its length in bytes (may be NULL)
 * \return MT_OK; MT_ERR_NOT_FOUND when the entity names no file; MT_ERR_INVALID_ARGUMENT;
 *         MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_entity_filename(const mt_entity* entity, char** name, size_t* name_len);

/* ---- editing and writing ------------------------------------------------------------------- */

/**
 * Replaces the first field called `name` (or appends one when there is none) with
 * `name: value`. `value` is written as given, so it must already be encoded (RFC 2047) and may be
 * folded only as CRLF or LF followed by a space or tab. Borrowed strings of this entity are
 * invalidated.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `name` is empty or holds a byte outside the
 *         printable ASCII range or a colon, or when `value` holds NUL or a line break not
 *         followed by whitespace (which would inject a field); MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_entity_set_header(mt_entity* entity, const char* name, const char* value);

/**
 * Appends `name: value` after the existing fields, with the same rules as mt_entity_set_header().
 */
MIMETOOL_API mt_status mt_entity_add_header(mt_entity* entity, const char* name, const char* value);

/**
 * Removes every field called `name` (case-insensitive). `removed` (may be NULL) receives how
 * many were removed; removing none is not an error.
 */
MIMETOOL_API mt_status mt_entity_remove_headers(mt_entity* entity, const char* name, size_t* removed);

/**
 * Serializes the whole message. An unedited message comes back byte for byte; edited entities
 * are rebuilt. Owned by the caller (mt_free()).
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_message_write(const mt_message* message, char** out, size_t* out_len);

/**
 * Serializes one entity (its header block and body). Owned by the caller (mt_free()).
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_entity_write(const mt_entity* entity, char** out, size_t* out_len);

/* ---- composing messages -------------------------------------------------------------------- */

/**
 * A message under construction: addresses, subject, a text and an HTML body, inline parts and
 * attachments. Created by mt_builder_new(), released with mt_builder_free(); it owns copies of
 * everything given to it, so the caller's strings and buffers may be released right after each
 * call. A builder is not safe for use from several threads at once.
 *
 * Each setter checks its input and returns an ::mt_status at once. A call that fails leaves the
 * builder as it was, so the caller may correct the input and call again. Text arguments
 * (addresses, subject, header values, bodies, filenames) must be valid UTF-8: anything else is
 * refused with MT_ERR_INVALID_SEQUENCE rather than silently replaced. The shape is settled
 * when the message is written, as mail clients do it: text alone is text/plain; text and HTML
 * become multipart/alternative; inline parts go with the HTML into multipart/related;
 * attachments wrap everything in multipart/mixed. Transfer encodings (7bit, quoted-printable,
 * base64), RFC 2047 encoded-words, RFC 2231 filenames and boundaries are chosen by the writer.
 *
 * Example:
 * \code
 *   mt_builder* b = NULL;
 *   char* bytes = NULL;
 *   size_t len = 0;
 *   if (mt_builder_new(&b) != MT_OK) return 70;
 *   if (mt_builder_set_from(b, "Zhang San <zhang@example.cn>") != MT_OK ||
 *       mt_builder_add_to(b, "bob@example.org") != MT_OK ||
 *       mt_builder_set_subject(b, "Quarterly report") != MT_OK ||
 *       mt_builder_set_text(b, "See the attachment.\n", NULL) != MT_OK ||
 *       mt_builder_attach_file(b, "report.pdf", NULL, NULL) != MT_OK ||
 *       mt_builder_write(b, &bytes, &len) != MT_OK) {
 *     fprintf(stderr, "mimetool: %s\n", mt_last_error());
 *     mt_builder_free(b);
 *     return 65;
 *   }
 *   fwrite(bytes, 1, len, stdout);
 *   mt_free(bytes);
 *   mt_builder_free(b);
 * \endcode
 */
typedef struct mt_builder mt_builder;

/** Line ending of a written message (mt_builder_set_line_ending()). */
typedef enum mt_line_ending {
  MT_LINE_ENDING_CRLF = 0, /**< CRLF, the wire form (RFC 5322 §2.1); the default */
  MT_LINE_ENDING_LF = 1    /**< LF, for local files and Unix tools */
} mt_line_ending;

/**
 * Creates an empty builder.
 * \param out  receives the new builder, owned by the caller (mt_builder_free())
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `out` is NULL; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_builder_new(mt_builder** out);

/** Releases a builder and everything it holds. NULL is accepted. */
MIMETOOL_API void mt_builder_free(mt_builder* builder);

/**
 * Sets the author: one mailbox, `ann@example.org` or `Name <ann@example.org>`; a UTF-8 display
 * name is RFC 2047-encoded when written. Replaces an earlier From. The sender's domain is also
 * the right-hand side of the generated Message-ID.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when an argument is NULL, or `mailbox` is not exactly
 *         one valid mailbox (a non-ASCII address, a line break, a missing domain).
 */
MIMETOOL_API mt_status mt_builder_set_from(mt_builder* builder, const char* mailbox);

/**
 * Adds recipients to the To field: one mailbox or a comma-separated list, each
 * `addr` or `Name <addr>` (UTF-8 names allowed). Repeated calls add to the same field.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when an argument is NULL or the list is malformed
 *         (nothing is added then).
 */
MIMETOOL_API mt_status mt_builder_add_to(mt_builder* builder, const char* list);

/** Adds copy recipients (the Cc field), like mt_builder_add_to(). */
MIMETOOL_API mt_status mt_builder_add_cc(mt_builder* builder, const char* list);

/**
 * Adds blind-copy recipients. They are checked like mt_builder_add_to() but never written into
 * the message (RFC 5322 §3.6.3): hand them to the mail transport, see mt_builder_recipient().
 */
MIMETOOL_API mt_status mt_builder_add_bcc(mt_builder* builder, const char* list);

/** Adds Reply-To addresses, like mt_builder_add_to(). */
MIMETOOL_API mt_status mt_builder_add_reply_to(mt_builder* builder, const char* list);

/**
 * Sets the subject (UTF-8; RFC 2047-encoded where it is not ASCII). Replaces an earlier one.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when an argument is NULL or the text holds CR or LF.
 */
MIMETOOL_API mt_status mt_builder_set_subject(mt_builder* builder, const char* subject);

/**
 * Sets the Date field from an RFC 5322 date ("Tue, 01 Oct 2024 10:00:00 +0200"; obsolete forms
 * are accepted and written canonically). Without it, the current local time is written.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when an argument is NULL or the date is malformed.
 */
MIMETOOL_API mt_status mt_builder_set_date(mt_builder* builder, const char* date);

/**
 * Sets the Message-ID, with or without angle brackets; it must look like `left@right`. Without
 * it, `<22 random characters@sender-domain>` is written (reproducible with mt_builder_set_seed()).
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when an argument is NULL or the id is malformed.
 */
MIMETOOL_API mt_status mt_builder_set_message_id(mt_builder* builder, const char* message_id);

/**
 * Appends another header field, `name: value`, with the value given as UTF-8 and encoded when
 * written: address fields (Sender, Resent-*) are parsed and their display names encoded;
 * structured fields (References, In-Reply-To, Received…) must be ASCII and are only folded; all
 * others are unstructured text, RFC 2047-encoded where needed. "Date", "Message-ID" and "Bcc"
 * act as mt_builder_set_date(), mt_builder_set_message_id() and mt_builder_add_bcc().
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when an argument is NULL, the name is not a valid field
 *         name, the value holds CR or LF or is malformed for its field, or the field is one the
 *         writer owns (MIME-Version, Content-Type, Content-Transfer-Encoding,
 *         Content-Disposition, Content-ID).
 */
MIMETOOL_API mt_status mt_builder_add_header(mt_builder* builder, const char* name, const char* value);

/**
 * Sets the plain-text body from UTF-8, written in `charset` (line breaks, LF or CRLF, become the
 * output's line ending). Replaces an earlier text body.
 * \param builder  the builder
 * \param utf8     the text, valid UTF-8, NUL-terminated
 * \param charset  charset to write the text in ("utf-8", "gb2312", "iso-2022-jp", …), or NULL for
 *                 UTF-8
 * \return MT_OK; MT_ERR_UNKNOWN_CHARSET for a charset label that is not known;
 *         MT_ERR_INVALID_SEQUENCE when the text holds a character the charset cannot represent
 *         (or is not valid UTF-8); MT_ERR_INVALID_ARGUMENT when `builder` or `utf8` is NULL.
 */
MIMETOOL_API mt_status mt_builder_set_text(mt_builder* builder, const char* utf8, const char* charset);

/** Sets the HTML body, like mt_builder_set_text(). Inline parts are referenced from it by
 *  `cid:` URLs (RFC 2392). */
MIMETOOL_API mt_status mt_builder_set_html(mt_builder* builder, const char* utf8, const char* charset);

/**
 * Adds an attachment (Content-Disposition: attachment) holding a copy of `size` bytes, written
 * byte-exact (base64 unless they are short-lined ASCII).
 * \param builder     the builder
 * \param data        the bytes (may be NULL when `size` is 0)
 * \param size        number of bytes
 * \param filename    the UTF-8 filename suggested to the recipient (RFC 2231-encoded when needed),
 *                    or NULL for none
 * \param media_type  "type/subtype", or NULL to guess it from the filename's extension
 *                    (/etc/mime.types), else from the bytes (libmagic), else
 *                    application/octet-stream
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `builder` is NULL, `data` is NULL with a non-zero
 *         size, the media type is malformed or is multipart/ or message/, or the filename holds a
 *         line break; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_builder_attach_memory(mt_builder* builder, const void* data, size_t size,
                                                const char* filename, const char* media_type);

/**
 * Adds an attachment read from a file now (later changes to the file are not seen).
 * \param builder     the builder
 * \param path        file name in the platform's encoding
 * \param media_type  "type/subtype", or NULL to guess it as mt_builder_attach_memory() does
 * \param filename    UTF-8 filename for the recipient, or NULL for the last component of `path`
 * \return MT_OK; MT_ERR_NO_INPUT when the file cannot be opened or is not a regular file;
 *         MT_ERR_IO on a read error; MT_ERR_INVALID_ARGUMENT as mt_builder_attach_memory().
 */
MIMETOOL_API mt_status mt_builder_attach_file(mt_builder* builder, const char* path, const char* media_type,
                                              const char* filename);

/**
 * Adds an inline part (Content-Disposition: inline) with a Content-ID, shown inside the HTML
 * where it refers to `cid:` + `content_id` (RFC 2392). With an HTML body, the HTML and its inline
 * parts are sent as multipart/related (RFC 2387); without one, inline parts follow the text.
 * \param builder     the builder
 * \param data        the bytes (may be NULL when `size` is 0)
 * \param size        number of bytes
 * \param content_id  the Content-ID, e.g. "logo@example.org" (enclosing angle brackets are
 *                    removed)
 * \param media_type  "type/subtype", or NULL to guess it from the filename and the bytes
 * \param filename    UTF-8 filename, or NULL for none
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `builder` or `content_id` is NULL, `data` is NULL
 *         with a non-zero size, the Content-ID holds whitespace, angle brackets,
 *         non-ASCII or control characters, or the media type is malformed; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_builder_inline_memory(mt_builder* builder, const void* data, size_t size,
                                                const char* content_id, const char* media_type,
                                                const char* filename);

/**
 * Seeds the random source of the boundaries and of the generated Message-ID: equal input and
 * seed (and a fixed date, mt_builder_set_date()) give identical bytes. Without a seed, each
 * message gets fresh randomness.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `builder` is NULL.
 */
MIMETOOL_API mt_status mt_builder_set_seed(mt_builder* builder, uint64_t seed);

/**
 * Chooses the line ending of the written message (CRLF by default).
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `builder` is NULL or `line_ending` is not an
 *         ::mt_line_ending value.
 */
MIMETOOL_API mt_status mt_builder_set_line_ending(mt_builder* builder, mt_line_ending line_ending);

/**
 * Allows Content-Transfer-Encoding: 8bit for text bodies with non-ASCII bytes, for transports that
 * announce 8BITMIME (RFC 6152). Off by default: such text is written quoted-printable or base64.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `builder` is NULL.
 */
MIMETOOL_API mt_status mt_builder_set_allow_8bit(mt_builder* builder, int allow);

/**
 * Chooses the charset of the RFC 2047 encoded-words in header fields ("utf-8" by default), e.g.
 * "iso-2022-jp" or "gb2312" for readers that expect the local charset. A run of text the charset
 * cannot represent is written in UTF-8 instead, so nothing is lost.
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `builder` or `charset` is NULL;
 *         MT_ERR_UNKNOWN_CHARSET when the label names no charset (the setting is unchanged).
 */
MIMETOOL_API mt_status mt_builder_set_header_charset(mt_builder* builder, const char* charset);

/** Number of envelope recipients: the addresses of To, Cc and Bcc (0 for a NULL builder). */
MIMETOOL_API size_t mt_builder_recipient_count(const mt_builder* builder);

/**
 * Envelope recipient `index`: the addresses of To, then Cc, then Bcc, in the order given, as bare
 * addr-specs ("bob@example.org"). Borrowed, NUL-terminated: valid until the builder is changed or
 * freed. NULL when `index` is out of range or `builder` is NULL.
 */
MIMETOOL_API const char* mt_builder_recipient(const mt_builder* builder, size_t index);

/**
 * Writes the message to memory. The builder is unchanged and may be written again (with the same
 * seed and date, to the same bytes). Owned by the caller (mt_free()); NUL-terminated, the length
 * excludes the terminator.
 * \param builder  the builder
 * \param out      receives the message bytes
 * \param out_len  receives their number (may be NULL)
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT when `builder` or `out` is NULL, when no From was set, or
 *         when a header field is too long to fold; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_builder_write(const mt_builder* builder, char** out, size_t* out_len);

/**
 * Writes the message and parses it into a new message, as a reader will see it: for inspecting
 * or editing what was built with the parsing API. Equivalent to mt_builder_write() followed by
 * mt_parse_memory() with the default limits.
 * \param builder  the builder
 * \param out      receives the new message, owned by the caller (mt_message_free())
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT as mt_builder_write() or when `out` is NULL;
 *         MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_builder_build(const mt_builder* builder, mt_message** out);

/**
 * Writes the message to a file, through a temporary file in the same folder renamed into place:
 * after a failure the file is left as it was.
 * \param builder  the builder
 * \param path     file name in the platform's encoding
 * \return MT_OK; MT_ERR_INVALID_ARGUMENT as mt_builder_write(); MT_ERR_CANT_CREATE when the file
 *         cannot be created; MT_ERR_IO on a write error; MT_ERR_NO_MEMORY.
 */
MIMETOOL_API mt_status mt_builder_write_file(const mt_builder* builder, const char* path);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* MIMETOOL_MIMETOOL_H */
