/* pd-document.h: a document a case needs or holds (passport, degree, Notice, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_DOCUMENT (pd_document_get_type ())

G_DECLARE_FINAL_TYPE (PdDocument, pd_document, PD, DOCUMENT, GObject)

PdDocument      *pd_document_new                (void);
PdDocument      *pd_document_copy               (PdDocument *self);
gboolean         pd_document_equal              (PdDocument *self,
                                                 PdDocument *other);
const char      *pd_document_get_id             (PdDocument *self);
const char      *pd_document_get_kind           (PdDocument *self);
void             pd_document_set_kind           (PdDocument *self,
                                                 const char *kind);
const char      *pd_document_get_title          (PdDocument *self);
void             pd_document_set_title          (PdDocument *self,
                                                 const char *title);
PdDocumentState  pd_document_get_state          (PdDocument *self);
void             pd_document_set_state          (PdDocument      *self,
                                                 PdDocumentState  state);
PdDocumentAuth   pd_document_get_authentication (PdDocument *self);
void             pd_document_set_authentication (PdDocument     *self,
                                                 PdDocumentAuth  authentication);
const char      *pd_document_get_file_path      (PdDocument *self);
void             pd_document_set_file_path      (PdDocument *self,
                                                 const char *file_path);
const char      *pd_document_get_sha256         (PdDocument *self);
void             pd_document_set_sha256         (PdDocument *self,
                                                 const char *sha256);
GDate           *pd_document_get_expires_on     (PdDocument *self);
void             pd_document_set_expires_on     (PdDocument  *self,
                                                 const GDate *expires_on);

G_END_DECLS
