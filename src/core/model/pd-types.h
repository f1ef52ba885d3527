/* pd-types.h: forward declarations of every PermitDesk model and store type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-enums.h"
#include "pd-enum-types.h"

G_BEGIN_DECLS

typedef struct _PdPerson   PdPerson;
typedef struct _PdEmployer PdEmployer;
typedef struct _PdPermit   PdPermit;
typedef struct _PdCase     PdCase;
typedef struct _PdDocument PdDocument;
typedef struct _PdFiling   PdFiling;
typedef struct _PdCaseList PdCaseList;
typedef struct _PdStore    PdStore;

G_END_DECLS
