/* pd-portal-schema.h: the wire format of docs/portal-api.md, checked field by field
 *
 * Shared by the client (every response is checked before use) and by permitdesk-portal
 * (every request body is checked before it is stored).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  PD_PORTAL_KIND_EMPLOYER,
  PD_PORTAL_KIND_PERSON,
  PD_PORTAL_KIND_CASE,
  PD_PORTAL_KIND_PERMIT,
} PdPortalKind;

typedef enum {
  PD_PORTAL_SCHEMA_WIRE,     /* a resource as the server sends it: every member checked */
  PD_PORTAL_SCHEMA_CREATE,   /* a create body: writable members, required ones present */
  PD_PORTAL_SCHEMA_REPLACE,  /* a PUT body: as create */
  PD_PORTAL_SCHEMA_PATCH,    /* a PATCH body: writable members, any subset */
} PdPortalSchemaMode;

/* Bodies and nesting deeper than this are refused before parsing. */
#define PD_PORTAL_JSON_MAX_DEPTH 32

const char *pd_portal_kind_collection   (PdPortalKind        kind);
gboolean    pd_portal_kind_from_collection
                                        (const char         *collection,
                                         PdPortalKind       *kind);

JsonNode   *pd_portal_json_parse        (const char         *data,
                                         gsize               len,
                                         GError            **error);

gboolean    pd_portal_schema_check      (PdPortalKind        kind,
                                         JsonObject         *object,
                                         PdPortalSchemaMode  mode,
                                         GError            **error);
JsonObject *pd_portal_schema_writable   (PdPortalKind        kind,
                                         JsonObject         *object);

gboolean    pd_portal_is_id             (const char         *text);
gboolean    pd_portal_is_permit_number  (const char         *text);
gboolean    pd_portal_is_online_token   (const char         *text);
gboolean    pd_portal_is_rfc3339        (const char         *text);
gboolean    pd_portal_is_date           (const char         *text);
gboolean    pd_portal_is_sha256_hex     (const char         *text);

gboolean    pd_portal_get_string        (JsonObject         *object,
                                         const char         *member,
                                         gboolean            nullable,
                                         const char        **value,
                                         GError            **error);
gboolean    pd_portal_get_int           (JsonObject         *object,
                                         const char         *member,
                                         gint64              min,
                                         gint64              max,
                                         gint64             *value,
                                         GError            **error);

G_END_DECLS
