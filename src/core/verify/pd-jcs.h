/* pd-jcs.h: RFC 8785 JSON Canonicalization Scheme and a strict I-JSON parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PD_JCS_ERROR (pd_jcs_error_quark ())

typedef enum {
  PD_JCS_ERROR_SYNTAX,
  PD_JCS_ERROR_ENCODING,
  PD_JCS_ERROR_DUPLICATE_KEY,
  PD_JCS_ERROR_TOO_DEEP,
  PD_JCS_ERROR_NUMBER,
} PdJcsError;

GQuark    pd_jcs_error_quark        (void);

JsonNode *pd_jcs_parse              (const char  *text,
                                     gsize        len,
                                     guint        max_depth,
                                     GError     **error);
char     *pd_jcs_canonicalize       (JsonNode    *node,
                                     GError     **error);
char     *pd_jcs_canonicalize_text  (const char  *text,
                                     gsize        len,
                                     GError     **error);
char     *pd_jcs_format_number      (double       value);

G_END_DECLS
