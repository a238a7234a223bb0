// Early-return helpers for absl::Status and absl::StatusOr.
//
// Debian 12's Abseil (20220623) ships no status macros; these are the usual
// two, kept deliberately small.
//
// Example:
//   absl::StatusOr<Article> Parse(absl::string_view in) {
//     RETURN_IF_ERROR(CheckSize(in));
//     ASSIGN_OR_RETURN(Document doc, ReadXml(in));
//     return ToArticle(doc);
//   }
#ifndef NEWSWIRE_COMMON_STATUS_STATUS_MACROS_H_
#define NEWSWIRE_COMMON_STATUS_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define NEWSWIRE_STATUS_CONCAT_INNER_(a, b) a##b
#define NEWSWIRE_STATUS_CONCAT_(a, b) NEWSWIRE_STATUS_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status) and returns it from the enclosing
// function if it is not OK.
#define RETURN_IF_ERROR(expr)                \
  do {                                       \
    ::absl::Status _nw_status = (expr);      \
    if (!_nw_status.ok()) return _nw_status; \
  } while (0)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status if not OK,
// else moves its value into `lhs` (a declaration or an lvalue).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  NEWSWIRE_ASSIGN_OR_RETURN_IMPL_(   \
      NEWSWIRE_STATUS_CONCAT_(_nw_statusor_, __LINE__), lhs, rexpr)

// `lhs` may be a declaration ("int x"), so it cannot be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define NEWSWIRE_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();    \
  lhs = std::move(statusor).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // NEWSWIRE_COMMON_STATUS_STATUS_MACROS_H_
