# Helpers that keep every module's CMakeLists.txt a short inventory, in the
# spirit of absl_cc_library(): one call per library, binary or test.

# newswire_cc_library(NAME name SRCS ... [HDRS ...] [DEPS ...])
function(newswire_cc_library)
  cmake_parse_arguments(NW "" "NAME" "SRCS;HDRS;DEPS" ${ARGN})
  add_library(${NW_NAME} STATIC ${NW_SRCS} ${NW_HDRS})
  target_include_directories(${NW_NAME} PUBLIC ${PROJECT_SOURCE_DIR}
                                               ${PROJECT_BINARY_DIR}/gen)
  target_link_libraries(${NW_NAME} PUBLIC ${NW_DEPS})
endfunction()

# newswire_cc_binary(NAME name SRCS ... [DEPS ...])
function(newswire_cc_binary)
  cmake_parse_arguments(NW "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${NW_NAME} ${NW_SRCS})
  target_include_directories(${NW_NAME} PRIVATE ${PROJECT_SOURCE_DIR}
                                                ${PROJECT_BINARY_DIR}/gen)
  target_link_libraries(${NW_NAME} PRIVATE ${NW_DEPS} ${NEWSWIRE_SANITIZER_DEPS})
  set_target_properties(${NW_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                              ${PROJECT_BINARY_DIR}/bin)
endfunction()

# newswire_cc_test(NAME name SRCS ... [DEPS ...] [LABELS ...])
# Unit tests are labelled "unit" unless told otherwise; tests that need the
# broker are labelled "integration". Every test also carries the labels in
# NEWSWIRE_TEST_AREA, which an area's CMakeLists.txt sets once at its top
# (e.g. set(NEWSWIRE_TEST_AREA dedup)), so `ctest -L '^dedup$'` (what
# `make test-dedup` runs) picks up a new test of the area by itself.
function(newswire_cc_test)
  cmake_parse_arguments(NW "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT NEWSWIRE_BUILD_TESTS)
    return()
  endif()
  add_executable(${NW_NAME} ${NW_SRCS})
  target_include_directories(${NW_NAME} PRIVATE ${PROJECT_SOURCE_DIR}
                                                ${PROJECT_BINARY_DIR}/gen)
  target_link_libraries(${NW_NAME} PRIVATE ${NW_DEPS} GTest::gmock
                                           GTest::gtest_main
                                           ${NEWSWIRE_SANITIZER_DEPS})
  set_target_properties(${NW_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                              ${PROJECT_BINARY_DIR}/tests)
  if(NOT NW_LABELS)
    set(NW_LABELS unit)
  endif()
  list(APPEND NW_LABELS ${NEWSWIRE_TEST_AREA})
  add_test(NAME ${NW_NAME} COMMAND ${NW_NAME}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${NW_NAME} PROPERTIES LABELS "${NW_LABELS}"
                       ENVIRONMENT "NEWSWIRE_BIN_DIR=${PROJECT_BINARY_DIR}/bin")
endfunction()

# newswire_cc_benchmark(NAME name SRCS ... [DEPS ...])
function(newswire_cc_benchmark)
  cmake_parse_arguments(NW "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${NW_NAME} ${NW_SRCS})
  target_include_directories(${NW_NAME} PRIVATE ${PROJECT_SOURCE_DIR}
                                                ${PROJECT_BINARY_DIR}/gen)
  target_link_libraries(${NW_NAME} PRIVATE ${NW_DEPS} benchmark::benchmark)
  set_target_properties(${NW_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                              ${PROJECT_BINARY_DIR}/bin)
endfunction()
