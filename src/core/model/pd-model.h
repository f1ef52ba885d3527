/* pd-model.h: everything of the PermitDesk model, in one include
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"
#include "pd-case.h"
#include "pd-case-list.h"
#include "pd-document.h"
#include "pd-employer.h"
#include "pd-filing.h"
#include "pd-labels.h"
#include "pd-permit.h"
#include "pd-person.h"
#include "pd-validate.h"
