/* pd-json-schema.h: a validator for the JSON Schema subset the rule files use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PdJsonSchema PdJsonSchema;

PdJsonSchema *pd_json_schema_new_from_file (const char    *path,
                                            GError       **error);
void          pd_json_schema_free          (PdJsonSchema  *self);
gboolean      pd_json_schema_validate      (PdJsonSchema  *self,
                                            JsonNode      *instance,
                                            char         **bad_path,
                                            GError       **error);

gboolean      pd_json_schema_validate_def  (PdJsonSchema  *self,
                                            const char    *def,
                                            JsonNode      *instance,
                                            char         **bad_path,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdJsonSchema, pd_json_schema_free)

G_END_DECLS
